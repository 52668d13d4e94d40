using System.Collections.Concurrent;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Build;

/// <summary>
/// Builds both Lambda packages once, through the same make targets `sam build` runs (Native AOT, linux-x64 unless a
/// subclass asks for arm64 through LAMBDA_ARCHITECTURE), into a temporary folder: the intermediate output too, so the
/// build never touches the working tree's obj/. A developer who runs these tests again and again may keep an
/// architecture's builds in a folder of their own between runs (NATIVE_BUILD_ROOT_X86_64, NATIVE_BUILD_ROOT_ARM64):
/// the builds are then incremental.
/// </summary>
public class NativeBootstrapFixture : IAsyncLifetime
{
    // Both bootstraps of an architecture are built once per test process, however many classes use them: an AOT
    // build takes minutes.
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, ProcessResult>>>> SharedBuilds = new(StringComparer.Ordinal);
    private static readonly string ProcessId = Guid.NewGuid().ToString("N");

    // One AOT compilation at a time in the whole test process, whatever the architecture: the x86_64 and arm64 fixtures
    // start together, and two compilations at once on two cores only make both slower and starve the other tests.
    private static readonly SemaphoreSlim OneBuildAtATime = new(1, 1);
    private readonly string _root;

    public NativeBootstrapFixture()
        : this("x86_64")
    {
    }

    /// <param name="architecture">The template's Architecture value, passed to make as LAMBDA_ARCHITECTURE.</param>
    protected NativeBootstrapFixture(string architecture)
    {
        Architecture = architecture;
        _root = Environment.GetEnvironmentVariable($"NATIVE_BUILD_ROOT_{architecture.ToUpperInvariant()}") is { Length: > 0 } kept
            ? kept
            : Path.Combine(Path.GetTempPath(), $"scanner-native-{architecture}-{ProcessId}");
    }

    public string Architecture { get; }

    public string DispatcherBootstrap => Path.Combine(_root, "DispatcherFunction", "bootstrap");

    public string AccountScannerBootstrap => Path.Combine(_root, "AccountScannerFunction", "bootstrap");

    public IReadOnlyDictionary<string, ProcessResult> Builds { get; private set; } = new Dictionary<string, ProcessResult>();

    public async Task InitializeAsync() =>
        Builds = await SharedBuilds.GetOrAdd(Architecture, a => new Lazy<Task<IReadOnlyDictionary<string, ProcessResult>>>(() => BuildAllAsync(a, _root))).Value;

    private static async Task<IReadOnlyDictionary<string, ProcessResult>> BuildAllAsync(string architecture, string root)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!root.Contains(ProcessId, StringComparison.Ordinal))
            {
                return; // NATIVE_BUILD_ROOT_*: kept on purpose
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var builds = new Dictionary<string, ProcessResult>();
        foreach (var function in new[] { "DispatcherFunction", "AccountScannerFunction" })
        {
            await OneBuildAtATime.WaitAsync();
            try
            {
                builds[function] = await BuildAsync(function, architecture, root);
            }
            finally
            {
                OneBuildAtATime.Release();
            }
        }

        return builds;
    }

    private static Task<ProcessResult> BuildAsync(string function, string architecture, string root) =>
        ProcessRunner.RunAsync(
            "make",
            [
                "--no-print-directory",
                "-C", Repository.Root,
                $"build-{function}",
                $"ARTIFACTS_DIR={Path.Combine(root, function)}",
                $"LAMBDA_BUILD_DIR={Path.Combine(root, "build")}",
                $"LAMBDA_ARCHITECTURE={architecture}",
            ],
            Repository.Root,
            installHint: architecture == "arm64"
                ? "bash .ci/install-prerequisites (apt-get install make gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross)"
                : "apt-get install make (and the .NET SDK's Native AOT prerequisites: clang or gcc, zlib1g-dev)",
            timeout: TimeSpan.FromMinutes(15),
            environment: new Dictionary<string, string?>
            {
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
            });

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Both Lambda packages built for arm64 (Graviton): cross-compiled with Debian's aarch64 toolchain.</summary>
public sealed class Arm64BootstrapFixture() : NativeBootstrapFixture("arm64");
