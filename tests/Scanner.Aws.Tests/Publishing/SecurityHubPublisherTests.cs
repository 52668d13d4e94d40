using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Testing.Inventory;
using static Scanner.Aws.Tests.Publishing.PublishingSessions;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>The finding lifecycle against moto's Security Hub, read back with GetFindings after every scan.</summary>
[Collection(MotoCollection.Name)]
public sealed class SecurityHubPublisherTests(MotoFixture moto) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(T0);

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<PublishOutcome> PublishAsync(
        AccountSession session, IReadOnlyList<CheckResult> results, IReadOnlySet<string>? ran = null, IReadOnlyList<CollectionGap>? gaps = null) =>
        Publisher(_clock).PublishAsync(session, session.AccountId, Home, results, ran ?? Results.AllChecks, gaps ?? [], CancellationToken.None);

    [Fact]
    public async Task First_publish_imports_failures_as_active_findings_and_exemptions_as_archived_records()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);

        var outcome = await PublishAsync(session,
        [
            Results.IamUser(account, "alice"),
            Results.IamUser(account, "bob"),
            Results.Instance(account, Home, "i-tagged", CheckStatus.Passed),
            Results.IamUser(account, "dave", CheckStatus.Exempted),
        ]);

        outcome.Should().BeEquivalentTo(new { AccountId = account, Created = 2, Exempted = 1, Updated = 0, Resolved = 0, Error = (string?)null });
        outcome.Failed.Should().BeEmpty();
        var findings = await AllFindingsAsync(session);
        findings.Should().HaveCount(3);
        var alice = findings.Single(f => f.Id == FindingIdentity.For(Results.IamUser(account, "alice")));
        alice.Should().BeEquivalentTo(new
        {
            SchemaVersion = "2018-10-08",
            ProductArn = $"arn:aws:securityhub:us-east-1:{account}:product/{account}/default",
            GeneratorId = "iam.local-user",
            AwsAccountId = account,
            RecordState = "ACTIVE",
            CreatedAt = "2025-02-01T08:00:00.000Z",
            FirstObservedAt = "2025-02-01T08:00:00.000Z",
            Compliance = new { Status = "FAILED" },
        });
        alice.Resources!.Single().Details!.AwsIamUser!.UserName.Should().Be("alice");
        var dave = findings.Single(f => f.Id == FindingIdentity.For(Results.IamUser(account, "dave")));
        dave.RecordState.Should().Be("ARCHIVED");
        dave.Compliance!.Status.Should().Be("PASSED");
        dave.ProductFields.Should().ContainKey("compliance/exemption");
    }

    [Fact]
    public async Task A_rescan_updates_in_place_keeping_creation_and_first_observation()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        await PublishAsync(session, [Results.IamUser(account, "alice")]);

        // Past the refresh age (a week by default): the unchanged finding is imported again to keep it alive.
        _clock.Advance(TimeSpan.FromDays(8));
        var outcome = await PublishAsync(session, [Results.IamUser(account, "alice")]);

        outcome.Updated.Should().Be(1);
        outcome.Created.Should().Be(0);
        var finding = (await AllFindingsAsync(session)).Should().ContainSingle().Subject;
        finding.CreatedAt.Should().Be("2025-02-01T08:00:00.000Z");
        finding.FirstObservedAt.Should().Be("2025-02-01T08:00:00.000Z");
        finding.UpdatedAt.Should().Be("2025-02-09T08:00:00.000Z");
        finding.LastObservedAt.Should().Be("2025-02-09T08:00:00.000Z");
    }

    [Fact]
    public async Task An_unchanged_rescan_within_the_refresh_age_imports_nothing()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        await PublishAsync(session, [Results.IamUser(account, "alice"), Results.IamUser(account, "dave", CheckStatus.Exempted)]);
        var before = await AllFindingsAsync(session);

        _clock.Advance(TimeSpan.FromDays(6));
        var outcome = await PublishAsync(session, [Results.IamUser(account, "alice"), Results.IamUser(account, "dave", CheckStatus.Exempted)]);

        outcome.Should().BeEquivalentTo(new { Created = 0, Updated = 0, Exempted = 0, Resolved = 0, Unchanged = 2 });
        (await AllFindingsAsync(session)).Should().BeEquivalentTo(before, "nothing was imported, so Security Hub holds exactly what it held");

        var changed = Results.LocalUser(account, Make.User("alice", password: true, mfa: true, keys: [Make.Key("AKIAALICE")], accountId: account));
        var again = await PublishAsync(session, [changed, Results.IamUser(account, "dave", CheckStatus.Exempted)]);
        again.Should().BeEquivalentTo(new { Updated = 1, Unchanged = 1 }, "a finding whose text changed is imported at once");
    }

    [Fact]
    public async Task A_rescan_within_the_same_millisecond_still_moves_UpdatedAt_forward()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        await PublishAsync(session, [Results.IamUser(account, "alice")]);

        await PublishAsync(session, [Results.LocalUser(account, Make.User("alice", password: true, mfa: false, accountId: account))]);

        (await AllFindingsAsync(session)).Single().UpdatedAt.Should().Be("2025-02-01T08:00:00.001Z");
    }

    [Fact]
    public async Task Fixed_and_deleted_subjects_are_resolved_and_archived()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        // An instance that gets its missing tag passes; a deleted user is no longer reported at all.
        await PublishAsync(session, [Results.IamUser(account, "alice"), Results.Instance(account, Home, "i-fixed"), Results.IamUser(account, "deleted")]);

        _clock.Advance(TimeSpan.FromDays(1));
        var outcome = await PublishAsync(session, [Results.IamUser(account, "alice"), Results.Instance(account, Home, "i-fixed", CheckStatus.Passed)]);

        outcome.Should().BeEquivalentTo(new { Updated = 0, Unchanged = 1, Resolved = 2, Created = 0 }, "alice still fails exactly as stored");
        var findings = (await AllFindingsAsync(session)).ToDictionary(f => f.Id);
        findings.Should().HaveCount(3);
        foreach (var subject in new[] { Results.Instance(account, Home, "i-fixed"), Results.IamUser(account, "deleted") })
        {
            var finding = findings[FindingIdentity.For(subject)];
            finding.RecordState.Should().Be("ARCHIVED", subject.ResourceId);
            finding.Compliance!.Status.Should().Be("PASSED", subject.ResourceId);
            finding.CreatedAt.Should().Be("2025-02-01T08:00:00.000Z", subject.ResourceId);
            finding.UpdatedAt.Should().Be("2025-02-02T08:00:00.000Z", subject.ResourceId);
        }

        findings[FindingIdentity.For(Results.IamUser(account, "alice"))].RecordState.Should().Be("ACTIVE");

        _clock.Advance(TimeSpan.FromDays(1));
        var quiet = await PublishAsync(session, [Results.IamUser(account, "alice"), Results.Instance(account, Home, "i-fixed", CheckStatus.Passed)]);
        quiet.Resolved.Should().Be(0, "a resolved finding is imported once, not on every scan");
    }

    [Fact]
    public async Task A_problem_that_comes_back_reactivates_the_same_finding()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        await PublishAsync(session, [Results.IamUser(account, "alice")]);
        _clock.Advance(TimeSpan.FromDays(1));
        await PublishAsync(session, []);

        _clock.Advance(TimeSpan.FromDays(1));
        var outcome = await PublishAsync(session, [Results.IamUser(account, "alice")]);

        outcome.Reactivated.Should().Be(1);
        var finding = (await AllFindingsAsync(session)).Should().ContainSingle().Subject;
        finding.RecordState.Should().Be("ACTIVE");
        finding.Compliance!.Status.Should().Be("FAILED");
        finding.FirstObservedAt.Should().Be("2025-02-01T08:00:00.000Z", "the first detection is kept (documented choice)");
        finding.UpdatedAt.Should().Be("2025-02-03T08:00:00.000Z");
        finding.ProductFields.Should().Contain("compliance/reopenedAt", "2025-02-03T08:00:00.000Z");
    }

    [Fact]
    public async Task Three_scans_in_a_row_add_no_duplicates()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        CheckResult[] results = [Results.IamUser(account, "alice"), Results.Instance(account, "eu-west-1", "i-1"), Results.IamUser(account, "bob", CheckStatus.Exempted)];

        var outcomes = new List<PublishOutcome>();
        var counts = new List<int>();
        for (var scan = 0; scan < 3; scan++)
        {
            outcomes.Add(await PublishAsync(session, results));
            counts.Add((await AllFindingsAsync(session)).Count);
            _clock.Advance(TimeSpan.FromHours(1));
        }

        counts.Should().Equal(3, 3, 3);

        // Nothing changed between the scans, and none is due for a refresh: nothing is imported (or billed) again.
        outcomes.Select(o => (o.Created, o.Updated, o.Exempted, o.Unchanged)).Should().Equal((2, 0, 1, 0), (0, 0, 0, 3), (0, 0, 0, 3));
    }

    [Fact]
    public async Task Two_hundred_and_fifty_findings_go_in_three_batches_and_all_arrive()
    {
        var account = NewAccountId();
        using var proxy = new AwsProxy(moto.Endpoint);
        using var session = await MemberAsync(moto, account, proxy.Endpoint);
        var results = Enumerable.Range(0, 250).Select(i => Results.IamUser(account, $"user-{i:D3}")).ToList();

        var outcome = await PublishAsync(session, results);

        outcome.Created.Should().Be(250);
        outcome.Failed.Should().BeEmpty();
        proxy.Calls.Count(c => c.Operation == "BatchImportFindings").Should().Be(3);
        var stored = await AllFindingsAsync(session);
        stored.Select(f => f.Id).Should().BeEquivalentTo(results.Select(FindingIdentity.For));
    }

    [Fact]
    public async Task An_account_without_security_hub_gets_an_error_outcome_and_the_others_are_published()
    {
        var (first, disabled, last) = (NewAccountId(), NewAccountId(), NewAccountId());
        var disabledCredentials = await moto.AssumeAsync(disabled);
        var disabledKey = (await disabledCredentials.GetCredentialsAsync()).AccessKey;
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => call.Request.Path.StartsWith("/findings", StringComparison.Ordinal) && call.AccessKeyId == disabledKey
                ? ProxyFault.Answer(AwsFaults.SecurityHubNotEnabled(disabled))
                : null,
        };
        var sessions = new[]
        {
            await MemberAsync(moto, first, proxy.Endpoint),
            Session(disabled, disabledCredentials, proxy.Endpoint),
            await MemberAsync(moto, last, proxy.Endpoint),
        };

        var outcomes = new List<PublishOutcome>();
        foreach (var session in sessions)
        {
            outcomes.Add(await PublishAsync(session, [Results.IamUser(session.AccountId, "alice")]));
            session.Dispose();
        }

        outcomes[1].Error.Should().Contain(disabled).And.Contain("not enabled").And.Contain("enable-security-hub");
        outcomes[1].ErrorCode.Should().Be("InvalidAccessException");
        outcomes[1].Created.Should().Be(0);
        outcomes[0].Should().BeEquivalentTo(new { Created = 1, Error = (string?)null });
        outcomes[2].Should().BeEquivalentTo(new { Created = 1, Error = (string?)null });
    }

    [Fact]
    public async Task A_failed_region_keeps_its_findings_while_fixed_ones_elsewhere_are_resolved()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        CheckResult[] first = [Results.Instance(account, "eu-west-1", "i-ireland"), Results.Instance(account, "us-east-1", "i-virginia"), Results.IamUser(account, "alice")];
        await PublishAsync(session, first);
        var before = (await AllFindingsAsync(session)).ToDictionary(f => f.Id);

        _clock.Advance(TimeSpan.FromDays(1));
        var gap = new CollectionGap(DataSource.Ec2, "eu-west-1", "DescribeInstances", "UnauthorizedOperation", "You are not authorized.");
        var outcome = await PublishAsync(session, [], ran: Results.Ran("tag.resource-missing-required"), gaps: [gap]);

        outcome.Should().BeEquivalentTo(new { Resolved = 1, Unchanged = 1 });
        var after = (await AllFindingsAsync(session)).ToDictionary(f => f.Id);
        var ireland = FindingIdentity.For(first[0]);
        after[ireland].Should().BeEquivalentTo(before[ireland], "a region whose collection failed is left untouched");
        after[FindingIdentity.For(first[1])].RecordState.Should().Be("ARCHIVED");
        after[FindingIdentity.For(first[2])].Should().BeEquivalentTo(before[FindingIdentity.For(first[2])], "iam.local-user did not run");
    }

    [Fact]
    public async Task Findings_of_other_tools_in_the_account_are_never_touched()
    {
        var account = NewAccountId();
        using var session = await MemberAsync(moto, account);
        var foreign = new AsffMapper().Map(Results.IamUser(account, "alice"), Home, T0) with
        {
            Id = "another-tool/finding-1",
            GeneratorId = "iam.local-user",
            ProductFields = new() { ["ProviderName"] = "Another tool" },
        };
        await session.Client(SecurityHubApi.Service, Home).SendAsync(SecurityHubApi.BatchImportFindings, new BatchImportFindingsRequest([foreign]), CancellationToken.None);

        var outcome = await PublishAsync(session, []);

        outcome.Imported.Should().Be(0);
        (await AllFindingsAsync(session)).Single().Should().BeEquivalentTo(foreign);
    }

    [Fact]
    public async Task An_account_that_could_not_be_scanned_is_reported_in_the_scanners_account_until_it_scans_again()
    {
        var (own, broken, other) = (NewAccountId(), NewAccountId(), NewAccountId());
        using var session = await MemberAsync(moto, own);
        var publisher = Publisher(_clock);
        await publisher.PublishScanHealthAsync(session, Home,
        [
            ScanHealth.AccountNotScanned(broken, "broken", "the audit role could not be assumed", "AccessDenied", own, Home),
            ScanHealth.AccountNotScanned(other, "other", "the audit role could not be assumed", "AccessDenied", own, Home),
        ], CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(1));
        var outcome = await publisher.PublishScanHealthAsync(session, Home, [AccountScanHealth.Scanned(broken, "broken", own, Home)], CancellationToken.None);

        outcome.Should().BeEquivalentTo(new { Resolved = 1, Unchanged = 1 });
        var findings = (await AllFindingsAsync(session)).ToDictionary(f => f.Resources!.Single().Id, f => f.RecordState);
        findings.Should().Equal(new Dictionary<string, string?>
        {
            [$"AWS::::Account:{broken}"] = "ARCHIVED",
            [$"AWS::::Account:{other}"] = "ACTIVE",
        });
    }
}
