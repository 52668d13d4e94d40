using System.Diagnostics;
using System.Runtime.Versioning;

namespace Scanner.Functions.Tests.Build;

/// <summary>
/// The arm64 (Graviton) packages, cross-built by the same make targets with LAMBDA_ARCHITECTURE=arm64: aarch64 ELF
/// executables needing no glibc newer than Amazon Linux 2023's, serving invocations under qemu-user against the fake
/// Runtime API (qemu-aarch64 runs them with the arm64 sysroot's loader and libraries, -L).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class Arm64BootstrapTests(Arm64BootstrapFixture build) : NativeBootstrapContract(build), IClassFixture<Arm64BootstrapFixture>
{
    /// <summary>Where Debian's libc6-dev-arm64-cross puts the arm64 glibc: the sysroot the bootstrap links and runs against.</summary>
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    private const string InstallHint = "bash .ci/install-prerequisites (apt-get install qemu-user gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross)";

    /// <summary>183 is EM_AARCH64.</summary>
    protected override ushort ElfMachine => 183;

    protected override (string Tool, string InstallHint) Objdump => ("aarch64-linux-gnu-objdump", InstallHint);

    // Emulated, the runtime starts several times slower than natively.
    protected override TimeSpan Patience => Scanner.Testing.Patience.Step * 3;

    protected override ProcessStartInfo Launch(string bootstrap)
    {
        var qemu = Installed("qemu-aarch64");
        File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")).Should().BeTrue($"the arm64 sysroot must be installed: {InstallHint}");
        var start = new ProcessStartInfo(qemu);
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(Sysroot);
        start.ArgumentList.Add(bootstrap);
        return start;
    }

    /// <summary>The tool's full path (the bootstrap runs with a cleared environment); fails with how to install it.</summary>
    private static string Installed(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, tool))
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not installed: {InstallHint}");
}
