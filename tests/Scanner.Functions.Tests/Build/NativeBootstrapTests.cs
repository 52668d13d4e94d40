using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Scanner.Functions.Tests.Native;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Build;

/// <summary>The x86_64 packages `sam build` would deploy: built, compatible with Amazon Linux 2023, and serving invocations.</summary>
[SupportedOSPlatform("linux")]
public sealed class NativeBootstrapTests(NativeBootstrapFixture build) : NativeBootstrapContract(build), IClassFixture<NativeBootstrapFixture>;

/// <summary>
/// What every architecture's packages must do: built by the make target, an ELF executable for that CPU, needing no
/// glibc newer than Amazon Linux 2023's, and serving invocations from the Lambda Runtime API.
/// </summary>
[SupportedOSPlatform("linux")]
public abstract partial class NativeBootstrapContract(NativeBootstrapFixture build)
{
    /// <summary>Amazon Linux 2023 (provided.al2023) ships glibc 2.34: a binary needing newer symbols will not load.</summary>
    private static readonly Version MaximumGlibc = new(2, 34);

    /// <summary>ELF e_machine of the bootstrap: 62 is x86-64.</summary>
    protected virtual ushort ElfMachine => 62;

    /// <summary>The objdump that reads the bootstrap's dynamic symbols, and how to install it.</summary>
    protected virtual (string Tool, string InstallHint) Objdump => ("objdump", "apt-get install binutils");

    protected virtual TimeSpan Patience => Scanner.Testing.Patience.Step;

    /// <summary>How the bootstrap is started: directly, on this machine's own CPU.</summary>
    protected virtual ProcessStartInfo Launch(string bootstrap) => new(bootstrap);

    public static TheoryData<string> Functions => ["DispatcherFunction", "AccountScannerFunction"];

    private string Bootstrap(string function) =>
        function == "DispatcherFunction" ? build.DispatcherBootstrap : build.AccountScannerBootstrap;

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_make_target_puts_an_executable_bootstrap_in_ARTIFACTS_DIR(string function)
    {
        var result = build.Builds[function];
        result.ExitCode.Should().Be(0, result.Output);

        var bootstrap = Bootstrap(function);
        File.Exists(bootstrap).Should().BeTrue(result.Output);
        File.GetUnixFileMode(bootstrap).Should().HaveFlag(UnixFileMode.UserExecute);
        Directory.GetFiles(Path.GetDirectoryName(bootstrap)!).Should().ContainSingle("only the bootstrap is packaged");
        var header = File.ReadAllBytes(bootstrap).AsSpan(0, 20);
        header[..4].SequenceEqual("\u007fELF"u8).Should().BeTrue("a native executable, not a managed assembly");
        BitConverter.ToUInt16(header[18..20]).Should().Be(ElfMachine, $"built for {build.Architecture}");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task The_bootstrap_needs_no_glibc_newer_than_Amazon_Linux_2023s(string function)
    {
        var symbols = await ProcessRunner.RunAsync(Objdump.Tool, ["-T", Bootstrap(function)], Repository.Root, Objdump.InstallHint, TimeSpan.FromMinutes(1));
        symbols.ExitCode.Should().Be(0, symbols.Output);

        var versions = GlibcVersion().Matches(symbols.StandardOutput)
            .Select(m => Version.Parse(m.Groups[1].Value))
            .Distinct()
            .ToList();

        versions.Should().NotBeEmpty("the bootstrap links glibc dynamically");
        versions.Max().Should().BeLessThanOrEqualTo(MaximumGlibc, $"{function} must load on provided.al2023 (glibc 2.34)");
    }

    // These two tests use only events the dispatcher and scanner answer without calling AWS (an event to ignore,
    // an invalid request, a malformed job), so they hold for the real handlers as for the placeholders.
    [Fact]
    public async Task The_dispatcher_bootstrap_serves_invocations_from_the_runtime_api()
    {
        await using var api = FakeRuntimeApi.Start();
        using var process = StartBootstrap(build.DispatcherBootstrap, api, ValidEnvironment(dispatcher: true));
        try
        {
            await api.FirstNextRequested.WaitAsync(Patience);

            var ignored = await api.ResultAsync(api.Enqueue(Events.SampleEvents.CreateAccountResult("FAILED", accountId: null)), Patience);
            var invalid = await api.ResultAsync(api.Enqueue("""{"accountIds":["1234"]}"""), Patience);

            ignored.Kind.Should().Be("response", process.Output);
            invalid.Kind.Should().Be("error", process.Output);
            invalid.ErrorTypeHeader.Should().Be("InvalidEventException");
            invalid.ErrorMessage.Should().Be("accountIds[0]: '1234' is not a 12-digit account id");
            (await process.WaitForOutputAsync("\"requestId\":", Patience))
                .Should().Contain("\"level\":\"ERROR\"").And.Contain("\"requestId\":");
        }
        finally
        {
            process.Stop();
        }
    }

    [Fact]
    public async Task The_scanner_bootstrap_reports_bad_jobs_as_batch_item_failures()
    {
        await using var api = FakeRuntimeApi.Start();
        using var process = StartBootstrap(build.AccountScannerBootstrap, api, ValidEnvironment(dispatcher: false));
        try
        {
            await api.FirstNextRequested.WaitAsync(Patience);
            const string Batch = """
                {"Records":[{"messageId":"m-bad","receiptHandle":"AQEB","body":"{\"accountId\":\"1234\"}",
                  "attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},"eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:scan","awsRegion":"us-east-1"}]}
                """;

            var result = await api.ResultAsync(api.Enqueue(Batch), Patience);

            result.Kind.Should().Be("response", process.Output);
            result.BodyText.Should().Be("""{"batchItemFailures":[{"itemIdentifier":"m-bad"}]}""");
            // The log line travels through a pipe read asynchronously: it may arrive just after the response.
            (await process.WaitForOutputAsync("accountId: '1234' is not a 12-digit account id", Patience))
                .Should().Contain("accountId: '1234' is not a 12-digit account id");
        }
        finally
        {
            process.Stop();
        }
    }

    [Fact]
    public async Task A_misconfigured_bootstrap_reports_to_init_error_and_exits()
    {
        await using var api = FakeRuntimeApi.Start();
        var environment = ValidEnvironment(dispatcher: true);
        environment.Remove("AUDIT_ROLE_NAME");
        environment["APPROVED_REGIONS"] = "us-east-9x";
        using var process = StartBootstrap(build.DispatcherBootstrap, api, environment);
        try
        {
            var error = await api.InitError.WaitAsync(Patience);

            error.ErrorTypeHeader.Should().Be("Runtime.ConfigurationError");
            error.ErrorMessage.Should().Contain("AUDIT_ROLE_NAME").And.Contain("APPROVED_REGIONS: 'us-east-9x' is not a valid region name");
            (await process.WaitForExitAsync(Patience)).Should().Be(1);
        }
        finally
        {
            process.Stop();
        }
    }

    private static Dictionary<string, string> ValidEnvironment(bool dispatcher)
    {
        var environment = new Dictionary<string, string>
        {
            ["AUDIT_ROLE_NAME"] = "OrganizationComplianceAudit",
            ["APPROVED_REGIONS"] = "us-east-1,eu-west-1",
            ["REQUIRED_TAGS"] = "owner",
            ["AWS_REGION"] = "us-east-1",

            // Lambda always provides credentials; without them init fails before the first /next.
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
        };
        if (dispatcher)
        {
            environment["SCAN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/scan";
        }

        return environment;
    }

    private NativeProcess StartBootstrap(string path, FakeRuntimeApi api, Dictionary<string, string> environment) =>
        NativeProcess.Start(Launch(path), path, api, environment);

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex GlibcVersion();
}
