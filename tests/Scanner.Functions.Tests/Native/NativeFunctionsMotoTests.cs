using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Scanner.Demo;
using Scanner.Functions.Tests.Build;
using Scanner.Functions.Tests.Handlers;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Events;
using Xunit.Abstractions;

namespace Scanner.Functions.Tests.Native;

/// <summary>
/// The Native AOT bootstraps `sam build` would deploy, each given one real invocation through the fake Runtime API,
/// with moto behind them: what trimming or reflection would break in the AWS SDK (credentials from the environment,
/// SQS, STS, our protocol clients, the JSON contexts) breaks here, not in Lambda. Start-up time is measured and
/// written to the test output, not asserted.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(FunctionsMotoCollection.Name)]
public sealed class NativeFunctionsMotoTests(MotoFixture moto, NativeBootstrapFixture build, ITestOutputHelper output)
    : FunctionsMotoTest(moto), IClassFixture<NativeBootstrapFixture>
{
    private static readonly TimeSpan Patience = Scanner.Testing.Patience.Step;
    private static readonly TimeSpan ScanPatience = Scanner.Testing.Patience.Scan;

    [Fact]
    public async Task The_dispatcher_bootstrap_enqueues_one_job_per_active_account_on_a_moto_queue()
    {
        build.Builds["DispatcherFunction"].ExitCode.Should().Be(0, build.Builds["DispatcherFunction"].Output);
        var queueUrl = await FunctionHarness.CreateQueueAsync(Sqs, "native");
        await using var api = FakeRuntimeApi.Start();
        using var process = NativeProcess.Start(build.DispatcherBootstrap, api, Environment(queueUrl));
        var startup = await process.StartupAsync(Patience);
        Report("Dispatcher", startup);

        var result = await api.ResultAsync(api.Enqueue("{}"), ScanPatience);

        result.Kind.Should().Be("response", process.Output);
        using var response = JsonDocument.Parse(result.Body);
        var enqueued = response.RootElement.GetProperty("enqueued").GetInt32();
        enqueued.Should().Be(Demo.AccountIds.Count, process.Output);
        var messages = await FunctionHarness.ReceiveAllAsync(Sqs, queueUrl);
        messages.Should().HaveCount(enqueued);
        var jobs = messages.Select(m => ScanJob.TryParse(m.Body, out var job, out var error) ? job : throw new InvalidOperationException(error)).ToList();
        jobs.Select(j => j.AccountId).Should().BeEquivalentTo(Demo.AccountIds.Values).And.NotContain(Organization.ClosedAccountId);
        jobs.Single(j => j.AccountId == Demo.AccountId("payments-prod")).OuPath.Select(ou => ou.Name).Should().Equal("Workloads", "Production");
        process.Output.Should().Contain("\"message\":\"scan jobs enqueued\"");
        output.WriteLine(process.Output);
    }

    [Fact]
    public async Task The_scanner_bootstrap_scans_one_job_and_publishes_to_that_accounts_Security_Hub()
    {
        build.Builds["AccountScannerFunction"].ExitCode.Should().Be(0, build.Builds["AccountScannerFunction"].Output);
        var account = Demo.AccountId("payments-dev");
        var job = new ScanJob
        {
            AccountId = account,
            AccountName = "payments-dev",
            OuPath = [new ScanJobOrganizationalUnit(Demo.OrganizationalUnitIds["Workloads"], "Workloads")],
            AccountTags = FunctionsOrganization.DemoTags["payments-dev"],
            RequestedAt = DateTimeOffset.UtcNow,
            Reason = "native bootstrap test",
        };
        await using var api = FakeRuntimeApi.Start();
        using var process = NativeProcess.Start(build.AccountScannerBootstrap, api, Environment(queueUrl: null));
        var startup = await process.StartupAsync(Patience);
        Report("AccountScanner", startup);
        var started = DateTimeOffset.UtcNow;

        var result = await api.ResultAsync(
            api.Enqueue(FunctionHarness.SqsEvent([("m-native-1", job.ToJson())]), deadline: DateTimeOffset.UtcNow.AddMinutes(10)), ScanPatience);

        result.Kind.Should().Be("response", process.Output);
        result.BodyText.Should().Be("""{"batchItemFailures":[]}""", process.Output);
        // The checks the demo policy runs (the handler runs with the default policy, which has every check).
        var demoChecks = Scanner.Core.Policy.PolicyLoader.Parse(DemoOrganization.PolicyYaml, "demo policy").EnabledChecks!;
        var active = (await FunctionHarness.ScannerFindingsAsync(Moto, account))
            .Where(f => f.RecordState == "ACTIVE" && demoChecks.Contains(f.GeneratorId!, StringComparer.Ordinal)).ToList();
        active.Select(f => (f.GeneratorId, FunctionHarness.ResourceIdOf(f))).Should().BeEquivalentTo(
            ExpectedDemoFindings.Failed.Where(e => e.AccountName == "payments-dev")
                .Select(e => ((string?)e.CheckId, Demo.Resource(e.AccountName, e.ResourceName).Arn)), process.Output);
        // An earlier test may have published the same findings: unchanged, they are not imported again (the ingestion
        // diet), so the bootstrap's own log line, below, is what shows this run scanned and published the account.
        _ = started;
        var scanned = process.Output.Split('\n').Should().ContainSingle(l => l.Contains("\"message\":\"account scanned\"", StringComparison.Ordinal)).Subject;
        scanned.Should().Contain($"\"account\":\"{account}\"").And.Contain("\"durationMs\":");
        output.WriteLine(scanned);
    }

    private Dictionary<string, string> Environment(string? queueUrl)
    {
        var environment = FunctionHarness.Environment(Moto.Endpoint, queueUrl);
        environment["AWS_ACCESS_KEY_ID"] = "testing";
        environment["AWS_SECRET_ACCESS_KEY"] = FunctionHarness.BaseSecretAccessKey;
        return environment;
    }

    private void Report(string function, TimeSpan startup) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{function} bootstrap: process start to first GET /2018-06-01/runtime/invocation/next: {startup.TotalMilliseconds:0.0} ms"));
}
