using Scanner.Commands;
using Xunit.Abstractions;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// Services failing for a whole region in one scan (every Lambda call of one account in us-east-1 answered 500, every
/// Tagging call's connection dropped, through all of the SDK's retries): the scan completes, what it could not re-check is
/// left exactly as it was in Security Hub, and what it could re-check is resolved where it was fixed.
/// </summary>
/// <remarks>On a moto of its own: the failing calls wait out the SDK's backoff (10 to 30 s), which should not hold up the shared server.</remarks>
public sealed class RegionOutageTests(MotoFixture moto, ITestOutputHelper output) : IClassFixture<MotoFixture>
{
    private const string Policy =
        """
        approvedRegions: [us-east-1, eu-west-1]
        requiredTags: [owner, cost-center]
        checks: [iam.local-user, iam.access-key, region.resource-outside-approved, tag.resource-missing-required, tag.account-missing-required]
        """;

    [Fact]
    public async Task After_a_clean_publish_a_scan_with_Lambda_and_Tagging_down_in_one_region_leaves_that_regions_findings_untouched_and_resolves_what_was_fixed_elsewhere()
    {
        await moto.ResetAsync();
        using var org = new SmallOrganization(moto.Endpoint);
        await org.CreateAsync();
        var workload = await org.CreateAccountAsync("workload", ("owner", "team-a"));
        var credentials = await org.AssumeAsync(workload);
        await org.EnableSecurityHubAsync(credentials);
        var function = await org.CreateFunctionAsync(credentials, "us-east-1", "api", ("owner", "team-a"));
        var web = await org.RunInstanceAsync(credentials, "us-east-1", ("owner", "team-a"));
        var oregon = await org.RunInstanceAsync(credentials, "us-west-2", ("owner", "team-a"), ("cost-center", "cc-1"));
        await org.CreateUserAsync(credentials, "bob", consolePassword: true);
        using var proxy = new AwsProxy(moto.Endpoint);
        ScanRequest OnlyWorkload(ScanRequest r) => r with { Accounts = [workload] };

        var first = await CliScan.RunAsync(proxy.Endpoint, publish: true, OnlyWorkload, Policy);
        first.ExitCode.Should().Be(ScanRunner.ExitFindings, first.ToString());
        var before = (await org.FindingsAsync(credentials)).ToDictionary(f => (f.GeneratorId, f.Resources![0].Id));
        var untouchable = new[]
        {
            ("tag.resource-missing-required", function),
            ("tag.resource-missing-required", web),
        };
        var fixedElsewhere = new[]
        {
            ("region.resource-outside-approved", oregon),
            ("tag.account-missing-required", $"AWS::::Account:{workload}"),
        };
        foreach (var key in untouchable.Concat(fixedElsewhere).Append(("iam.local-user", $"arn:aws:iam::{workload}:user/bob")))
        {
            before.Should().ContainKey(key).WhoseValue.RecordState.Should().Be("ACTIVE", $"{key} failed in the first scan");
        }

        // Fixed since: the instance outside the approved regions is gone, the account has its cost-center tag.
        await org.TerminateInstanceAsync(credentials, oregon);
        await org.TagAccountAsync(workload, ("owner", "team-a"), ("cost-center", "cc-1"));
        await Task.Delay(TimeSpan.FromMilliseconds(20)); // UpdatedAt of the second scan is visibly later
        proxy.ClearCalls();
        proxy.Fault = call => call.Region != "us-east-1" || call.AccountId != workload ? null : call.Service switch
        {
            "lambda" => ProxyFault.Answer(AwsFaults.ServerError(call)),
            "tagging" => ProxyFault.DropConnection(),
            _ => null,
        };

        var second = await CliScan.RunAsync(proxy.Endpoint, publish: true, OnlyWorkload, Policy);

        output.WriteLine(second.ToString());
        var after = (await org.FindingsAsync(credentials)).ToDictionary(f => (f.GeneratorId, f.Resources![0].Id));
        foreach (var key in untouchable)
        {
            after[key].Should().BeEquivalentTo(before[key], $"{key} could not be re-checked: Lambda and Tagging failed in us-east-1");
        }

        foreach (var key in fixedElsewhere)
        {
            after[key].RecordState.Should().Be("ARCHIVED", $"{key} was fixed and re-checked");
            after[key].Compliance!.Status.Should().Be("PASSED");
        }

        var bob = ("iam.local-user", $"arn:aws:iam::{workload}:user/bob");
        after[bob].RecordState.Should().Be("ACTIVE", "bob is still there");
        after[bob].CreatedAt.Should().Be(before[bob].CreatedAt, "a finding keeps the time it was first created");
        after[bob].FirstObservedAt.Should().Be(before[bob].FirstObservedAt);
        after[bob].UpdatedAt.Should().Be(before[bob].UpdatedAt, "it was re-checked, and is unchanged and not due for a refresh, so not imported again");

        // The scan withheld what it could not judge rather than report a partial picture, and the failure was real.
        second.Keys.Should().NotContain(k => k.AccountId == workload && k.Region == "us-east-1" && k.CheckId == "tag.resource-missing-required");
        second.Keys.Should().Contain(new ResultKey("tag.account-missing-required", workload, "us-east-1", $"AWS::::Account:{workload}", "PASSED"));
        var lambda = proxy.Calls.Where(c => c is { Service: "lambda", Region: "us-east-1" } && c.AccountId == workload).ToList();
        lambda.Should().HaveCount(6, "one call and the SDK's five retries").And.OnlyContain(c => c.Outcome == CallOutcome.Answered);
        var tagging = proxy.Calls.Where(c => c is { Service: "tagging", Region: "us-east-1" } && c.AccountId == workload).ToList();
        tagging.Should().HaveCountGreaterThanOrEqualTo(6, "a dropped connection is retried like a 5xx (HttpClient retries some itself)")
            .And.OnlyContain(c => c.Outcome == CallOutcome.Dropped);
        second.Stderr.Should().MatchRegex($@"(?m)^Security Hub {workload} us-east-1: .*, 0 failed$");
        second.Stderr.Should().MatchRegex($@"(?m)^warning: account {workload} .*Lambda.* us-east-1 .*ServiceException")
            .And.MatchRegex($@"(?m)^warning: account {workload} .*Tagging.* us-east-1 .*ConnectionFailure", "the reader is told what is missing");
    }

    /// <summary>What the scan could not collect is said on stderr, and the exit code does not call the scan clean.</summary>
    [Fact]
    public async Task A_service_that_failed_in_a_region_is_named_on_stderr()
    {
        await moto.ResetAsync();
        using var org = new SmallOrganization(moto.Endpoint);
        await org.CreateAsync();
        var workload = await org.CreateAccountAsync("workload", ("owner", "team-a"), ("cost-center", "cc-1"));
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => call is { Service: "lambda", Region: "us-east-1" } && call.AccountId == workload
                ? ProxyFault.Answer(new CannedResponse(403, """{"Type":"User","message":"not authorized"}""", "application/json",
                    new Dictionary<string, string> { ["x-amzn-ErrorType"] = "AccessDeniedException" }))
                : null,
        };

        var scan = await CliScan.RunAsync(proxy.Endpoint, publish: false, r => r with { Accounts = [workload] }, Policy);

        scan.Stderr.Should().Contain(workload).And.ContainEquivalentOf("lambda").And.Contain("us-east-1").And.Contain("AccessDeniedException");
        scan.ExitCode.Should().NotBe(ScanRunner.ExitClean, "an incomplete scan is not a clean one");
    }
}
