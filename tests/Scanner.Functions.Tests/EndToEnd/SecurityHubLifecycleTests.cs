using System.Globalization;
using System.Text.RegularExpressions;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Commands;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Issue "Security Hub", end to end through the CLI with --publish on the demo organization: findings land in each
/// account's own Security Hub, repeated scans update them in place, a fixed problem is resolved (PASSED, ARCHIVED)
/// while the rest keep their history, a problem that comes back reopens the same finding, and an account whose
/// Security Hub is off is reported in the scanner's own account without stopping the others.
/// </summary>
[Collection(DemoMotoCollection.Name)]
public sealed class SecurityHubLifecycleTests(MotoFixture moto) : IDisposable
{
    private const string ScannerAccountId = MotoFixture.ManagementAccountId;

    private readonly DemoCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Findings_are_created_updated_in_place_resolved_and_reopened()
    {
        // Publishing writes to Security Hub and this test changes the organization: a state of its own.
        var demo = await moto.UseDemoAsync("demo:security-hub-lifecycle");
        var expectedFailed = DemoExpectations.Failed(demo);
        var network = DemoExpectations.Key(demo, ExpectedDemoFindings.Failed.Single(e => e.CheckId == ExpectedDemoFindings.AccountMissingRequiredTags));
        var alice = DemoExpectations.Key(demo, ExpectedDemoFindings.Failed.Single(e => e.ResourceName == "alice"));

        // 1. The first publish creates one finding per failure, in the account it concerns; exemptions are archived records.
        var first = await PublishAsync();
        var held1 = await SecurityHubReader.AllAsync(moto, demo);
        // moto has no iam:ListOrganizationsFeatures: the management account is scanned in part, and its health says so.
        bool MotosPartialScan(AsffFinding f) => f.GeneratorId == AccountScanHealth.CheckId
            && f.Resources![0].Id == $"AWS::::Account:{demo.ManagementAccountId}" && f.Compliance!.Status == "FAILED";
        held1.Active.Where(f => !MotosPartialScan(f)).Select(HeldFindings.Key).Should().BeEquivalentTo(expectedFailed, because: $"every failure is an active finding\n{first}");
        held1.Active.Should().OnlyContain(f => f.Compliance!.Status == "FAILED" && f.Severity!.Label != "INFORMATIONAL");
        held1.Archived.Select(HeldFindings.Key).Should().BeEquivalentTo(DemoExpectations.Exempted(demo));
        held1.Archived.Should().OnlyContain(f => f.Compliance!.Status == "PASSED" && f.Description!.StartsWith("EXEMPTED: ", StringComparison.Ordinal));
        foreach (var accountId in demo.AccountIds.Values)
        {
            held1.ByAccount[accountId].Where(f => f.RecordState == "ACTIVE" && !MotosPartialScan(f)).Select(HeldFindings.Key)
                .Should().BeEquivalentTo(expectedFailed.Where(k => k.AccountId == accountId), because: $"account {accountId} holds its own failures");
        }

        first.Stderr.Should().Contain($"Security Hub {demo.AccountId("payments-prod")} us-east-1: 3 new, 0 reopened, 0 updated, 0 resolved");

        // 2. Two more scans: the same findings, unchanged, so nothing is imported (each import is a billed ingestion
        //    event) until the refresh age passes; nothing new, nothing lost, history kept.
        var previous = held1;
        for (var scan = 2; scan <= 3; scan++)
        {
            var run = await PublishAsync();
            var held = await SecurityHubReader.AllAsync(moto, demo);
            held.ById.Keys.Should().BeEquivalentTo(held1.ById.Keys, because: $"scan {scan} re-imports the same ids\n{run}");
            held.ById.Should().HaveCount(held1.ById.Count);
            foreach (var finding in held.Active)
            {
                finding.CreatedAt.Should().Be(held1.ById[finding.Id].CreatedAt, because: $"CreatedAt of {finding.Id} is its first detection\n{run}");
                finding.FirstObservedAt.Should().Be(held1.ById[finding.Id].FirstObservedAt);
                finding.UpdatedAt.Should().Be(previous.ById[finding.Id].UpdatedAt, because: $"{finding.Id} says what it said, and is not due for a refresh");
            }

            run.Stderr.Should().Contain($"Security Hub {demo.AccountId("payments-prod")} us-east-1: 0 new, 0 reopened, 0 updated, 0 resolved");
            previous = held;
        }

        // 3. Fix two problems: the network account gets its owner tag (the check now passes), alice is deleted
        //    (the subject is gone, so nothing reports on it).
        using (var organizations = moto.Client(OrganizationsApi.Service))
        {
            await organizations.SendAsync(SeedOperations.TagResource, new TagResourceRequest(demo.AccountId("network"), [new AwsTag("owner", "network-team")]), default);
        }

        var prodCredentials = await moto.AssumeAsync(demo.AccountId("payments-prod"));
        using (var iam = moto.Client(IamApi.Service, credentials: prodCredentials))
        {
            await iam.SendAsync(SeedOperations.DeleteLoginProfile, new UserRequest("alice"), default);
            await iam.SendAsync(SeedOperations.DeleteUser, new UserRequest("alice"), default);
        }

        var fixedRun = await PublishAsync();
        var rows = DemoExpectations.Rows(fixedRun.Stdout);
        rows.WithStatus("FAILED").Should().BeEquivalentTo(expectedFailed.Except([network, alice]), because: fixedRun.ToString());
        rows.WithStatus("PASSED").Should().Contain(network);
        var held4 = await SecurityHubReader.AllAsync(moto, demo);
        held4.ById.Keys.Should().BeEquivalentTo(held1.ById.Keys, because: "a resolved finding is the same finding, archived");
        foreach (var (key, resolution) in new[] { (network, "passed"), (alice, "not-reported") })
        {
            var resolved = held4[key];
            resolved.Id.Should().Be(held1[key].Id);
            resolved.Compliance!.Status.Should().Be("PASSED", because: $"{key} is fixed");
            resolved.RecordState.Should().Be("ARCHIVED");
            resolved.ProductFields![ScannerProduct.Fields.Resolution].Should().Be(resolution);
            resolved.CreatedAt.Should().Be(held1[key].CreatedAt);
            Time(resolved.UpdatedAt).Should().BeAfter(Time(previous[key].UpdatedAt));
        }

        foreach (var finding in held4.ById.Values.Where(f => HeldFindings.Key(f) != network && HeldFindings.Key(f) != alice))
        {
            var before = previous.ById[finding.Id];
            finding.RecordState.Should().Be(before.RecordState, because: $"{finding.Id} was not fixed");
            finding.Compliance!.Status.Should().Be(before.Compliance!.Status);
            finding.CreatedAt.Should().Be(held1.ById[finding.Id].CreatedAt);
            finding.FirstObservedAt.Should().Be(held1.ById[finding.Id].FirstObservedAt);
            finding.UpdatedAt.Should().Be(before.UpdatedAt, because: $"{finding.Id} is unchanged and not due for a refresh");
        }

        fixedRun.Stderr.Should().Contain($"Security Hub {demo.AccountId("network")} us-east-1: 0 new, 0 reopened, 0 updated, 1 resolved")
            .And.Contain($"Security Hub {demo.AccountId("payments-prod")} us-east-1: 0 new, 0 reopened, 0 updated, 1 resolved");

        // 4. Break both again: the same findings reopen, FAILED and ACTIVE, still dated from the first detection.
        using (var organizations = moto.Client(OrganizationsApi.Service))
        {
            await organizations.SendAsync(SeedOperations.UntagResource, new UntagResourceRequest(demo.AccountId("network"), ["owner"]), default);
        }

        using (var iam = moto.Client(IamApi.Service, credentials: prodCredentials))
        {
            await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest("alice"), default);
            await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest("alice", "Demo-Passw0rd!2024"), default);
        }

        var brokenRun = await PublishAsync();
        DemoExpectations.Rows(brokenRun.Stdout).WithStatus("FAILED").Should().BeEquivalentTo(expectedFailed, because: brokenRun.ToString());
        var held5 = await SecurityHubReader.AllAsync(moto, demo);
        held5.ById.Keys.Should().BeEquivalentTo(held1.ById.Keys, because: "a problem that comes back reopens its finding, no duplicate");
        held5.Active.Where(f => !MotosPartialScan(f)).Select(HeldFindings.Key).Should().BeEquivalentTo(expectedFailed);
        foreach (var key in new[] { network, alice })
        {
            var reopened = held5[key];
            reopened.Id.Should().Be(held1[key].Id);
            reopened.RecordState.Should().Be("ACTIVE");
            reopened.Compliance!.Status.Should().Be("FAILED");
            reopened.CreatedAt.Should().Be(held1[key].CreatedAt, because: "the problem was first detected in the first scan");
            reopened.ProductFields.Should().ContainKey(ScannerProduct.Fields.ReopenedAt);
            Time(reopened.UpdatedAt).Should().BeAfter(Time(held4[key].UpdatedAt));
        }

        brokenRun.Stderr.Should().Contain($"Security Hub {demo.AccountId("network")} us-east-1: 0 new, 1 reopened, 0 updated, 0 resolved")
            .And.Contain($"Security Hub {demo.AccountId("payments-prod")} us-east-1: 0 new, 1 reopened, 0 updated, 0 resolved");
    }

    [Fact]
    public async Task An_account_with_Security_Hub_off_is_reported_in_the_scanners_account_and_the_rest_publish()
    {
        var demo = await moto.UseDemoAsync("demo:security-hub-off");
        var sandbox = demo.AccountId("sandbox-1");
        var prod = demo.AccountId("payments-prod");
        var notScanned = new ResultKey(AccountScanHealth.CheckId, ScannerAccountId, DemoOrganization.HomeRegion, $"AWS::::Account:{sandbox}");
        var prodFailures = DemoExpectations.Failed(demo).Where(k => k.AccountId == prod).ToList();

        // moto never refuses Security Hub calls; the proxy answers for sandbox-1 as Security Hub does when it is off.
        // (Two accounts, not the whole organization: every request goes through the proxy, and the point is that
        // one account's refusal stops neither the other's publish nor the scan.)
        var sandboxAccount = new Regex($"\"AwsAccountId\"\\s*:\\s*(\\[\\s*\\{{\\s*\"Value\"\\s*:\\s*)?\"{sandbox}\"");
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => call.Request.Path.StartsWith("/findings", StringComparison.Ordinal) && sandboxAccount.IsMatch(call.Request.Body)
                ? ProxyFault.Answer(AwsFaults.SecurityHubNotEnabled(sandbox))
                : null,
        };
        var request = _cli.Request(proxy.Endpoint, OutputFormat.Json) with { Publish = true, Accounts = [sandbox, prod] };

        var off = await DemoCli.RunAsync(request);

        proxy.Faulted.Should().NotBeEmpty(because: "the scanner asked sandbox-1's Security Hub for its findings");
        off.ExitCode.Should().Be(ScanRunner.ExitFindings, because: off.ToString());
        var rows = DemoExpectations.Rows(off.Stdout);
        var error = rows.Should().ContainSingle(r => r.Text("status") == "ERROR", because: off.ToString()).Subject;
        error.Key().Should().Be(notScanned, because: "the ERROR names sandbox-1 and is stored in the scanner's own account");
        error.Text("title").Should().Contain(sandbox);
        error.Text("reason").Should().Contain("Security Hub is not enabled in account " + sandbox);
        rows.WithStatus("FAILED").Should().BeEquivalentTo(DemoExpectations.Failed(demo).Where(k => k.AccountId == prod || k.AccountId == sandbox),
            because: "both were scanned as usual (sandbox-1's results are reported, only not published)");
        off.Stderr.Should().Contain($"Security Hub {sandbox} us-east-1: not published: Security Hub is not enabled in account {sandbox}")
            .And.Contain($"Security Hub {prod} us-east-1: 3 new, 0 reopened")
            .And.Contain("1 account(s) scanned, 1 not scanned");

        var health = (await SecurityHubReader.OursAsync(moto, ScannerAccountId)).Where(f => f.GeneratorId == AccountScanHealth.CheckId).ToList();
        health.Should().ContainSingle(because: "only sandbox-1 could not be published").Which.Should().Match<AsffFinding>(f =>
            f.RecordState == "ACTIVE" && f.Compliance!.Status == "FAILED" && f.Severity!.Label == "HIGH");
        HeldFindings.Key(health[0]).Should().Be(notScanned);
        (await SecurityHubReader.OursAsync(moto, prod)).Select(HeldFindings.Key)
            .Should().BeEquivalentTo(prodFailures, because: "payments-prod's findings were published despite sandbox-1");
        (await SecurityHubReader.OursAsync(moto, sandbox)).Should().BeEmpty();

        // Security Hub turned on (no proxy): sandbox-1 publishes, and the health finding is resolved.
        var on = await DemoCli.RunAsync(request with { EndpointUrl = moto.Endpoint });
        DemoExpectations.Rows(on.Stdout).WithStatus("ERROR").Should().BeEmpty(because: on.ToString());
        on.Stderr.Should().Contain("2 account(s) scanned, 0 not scanned");
        var resolved = (await SecurityHubReader.OursAsync(moto, ScannerAccountId)).Single(f => f.GeneratorId == AccountScanHealth.CheckId);
        resolved.Id.Should().Be(health[0].Id);
        resolved.RecordState.Should().Be("ARCHIVED");
        resolved.Compliance!.Status.Should().Be("PASSED");
    }

    private Task<CliRun> PublishAsync() => DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { Publish = true });

    private static DateTimeOffset Time(string? timestamp) =>
        DateTimeOffset.Parse(timestamp ?? throw new ArgumentNullException(nameof(timestamp)), CultureInfo.InvariantCulture);
}
