using Amazon.EC2.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Aws.Tests.BenchServer;

/// <summary>
/// The scanner's own collectors, over AccountSessionFactory (AssumeRole per account) and the real wire protocols, read
/// the bench server's synthetic organization exactly as it is defined: the benchmark measures real work, and the
/// server cannot drift from the formats the scanner parses (the same collectors pass against moto in the integration
/// tests). Every account is read once; no call is made twice for the same data.
/// </summary>
[Collection(BenchServerCollection.Name)]
public sealed class BenchServerCollectorTests(BenchServerFixture bench) : IAsyncLifetime
{
    private SyntheticOrganization Organization => bench.Organization;

    public Task InitializeAsync()
    {
        bench.Server.ThrottlePercent = 0;
        bench.Server.Ledger.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        bench.Server.ThrottlePercent = 0;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OrganizationReader_reads_every_account_with_its_OU_path_tags_and_guardrails()
    {
        var environment = bench.Environment;
        using var client = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        using var iam = new ProtocolClient(environment.Credentials, IamApi.Service, environment.Region, environment.EndpointUrl);

        var snapshot = await new OrganizationReader(client, iam).ReadAsync(default);

        snapshot.OrganizationId.Should().Be(Organization.OrganizationId);
        snapshot.ManagementAccountId.Should().Be(Organization.ManagementAccountId);
        snapshot.Accounts.Should().BeEquivalentTo(
            Organization.Accounts.Select(a => ExpectedInventory.Account(Organization, a)).OrderBy(a => a.Id, StringComparer.Ordinal),
            o => o.WithStrictOrdering());
        snapshot.Accounts.Should().Contain(a => a.OuPath.Count == 2, because: "Workloads/Production is two OUs deep");
        snapshot.Accounts.Should().Contain(a => a.Tags.Count == 0, because: "one account in eleven has no tags");
        bench.Server.Ledger.Snapshot().Duplicates.Should().Be(0);
    }

    [Fact]
    public async Task A_read_of_a_few_accounts_reads_only_their_tags_and_SCPs_and_hands_each_on_as_it_is_read()
    {
        var environment = bench.Environment;
        using var client = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        using var iam = new ProtocolClient(environment.Credentials, IamApi.Service, environment.Region, environment.EndpointUrl);
        var wanted = Organization.Accounts.Skip(3).Take(2).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var handed = new System.Collections.Concurrent.ConcurrentBag<OrganizationAccount>();

        var snapshot = await new OrganizationReader(client, iam).ReadAsync(new AccountReads(wanted, (account, _) =>
        {
            handed.Add(account);
            return ValueTask.CompletedTask;
        }), default);

        handed.Select(a => a.Id).Should().BeEquivalentTo(wanted);
        handed.Should().BeEquivalentTo(Organization.Accounts.Where(a => wanted.Contains(a.Id)).Select(a => ExpectedInventory.Account(Organization, a)));
        snapshot.Accounts.Where(a => wanted.Contains(a.Id)).Should().BeEquivalentTo(handed);
        snapshot.Accounts.Should().HaveCount(Organization.Accounts.Count, "every account is listed, to tell a missing account from one not asked for");
        snapshot.Accounts.Where(a => !wanted.Contains(a.Id)).Should().BeEquivalentTo(
            Organization.Accounts.Where(a => !wanted.Contains(a.Id)).Select(a => ExpectedInventory.Account(Organization, a) with { Tags = new Dictionary<string, string>(), Guardrails = null }),
            "the others are listed with their OU path, without tags or guardrails");
        var ledger = bench.Server.Ledger.Snapshot();
        ledger.ByOperation["Organizations.ListTagsForResource"].Should().Be(2);
        ledger.ByOperation["Organizations.ListPoliciesForTarget"].Should().Be(1 + Organization.OrganizationalUnits.Count + 2, "the root, every OU, and the two accounts");
    }

    [Fact]
    public async Task The_root_access_settings_are_read_once_with_the_organization_and_reach_every_account_scan()
    {
        var environment = bench.Environment;
        using var organizations = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        using var iam = new ProtocolClient(environment.Credentials, IamApi.Service, environment.Region, environment.EndpointUrl);
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);

        var snapshot = await new OrganizationReader(organizations, iam).ReadAsync(default);
        var member = snapshot.Accounts.First(a => !a.IsManagementAccount);
        var inventory = await new AccountCollector(new CollectionOptions(), TimeProvider.System)
            .CollectAsync(await sessions.ForAccountAsync(member.Id, default), member, default);

        // The bench organization has both features on.
        snapshot.Accounts.Should().OnlyContain(a => a.Guardrails!.RootAccessManagement == new RootAccessManagement(true, true));
        snapshot.Accounts.SelectMany(a => a.Guardrails!.Gaps).Should().NotContain(g => g.Service == DataSource.OrganizationFeatures);
        inventory.RootAccessManagement.Should().Be(new RootAccessManagement(true, true), "a member's audit role cannot read it; the organization read hands it over");
        var ledger = bench.Server.Ledger.Snapshot();
        ledger.ByOperation["IAM.ListOrganizationsFeatures"].Should().Be(1, "once per scan, not once per account");
    }

    [Fact]
    public async Task AccountCollector_reads_each_account_as_defined()
    {
        using var sessions = new AccountSessionFactory(bench.Environment, ScanPolicy.DefaultAuditRoleName, null);
        var collector = new AccountCollector(new CollectionOptions(), TimeProvider.System);

        foreach (var account in Organization.Accounts)
        {
            var session = await sessions.ForAccountAsync(account.Id, default);
            var inventory = await collector.CollectAsync(session, ExpectedInventory.Account(Organization, account), default);

            inventory.Gaps.Should().BeEmpty(because: $"account {account.Id} is fully readable");
            inventory.IamUsers.Should().BeEquivalentTo(ExpectedInventory.Users(account), o => o.WithStrictOrdering(), $"users of {account.Id}");
            inventory.Root.Should().BeEquivalentTo(ExpectedInventory.Root(account));
            inventory.Trails.Should().BeEquivalentTo(ExpectedInventory.Trails(Organization, account));
            inventory.EnabledRegions.Should().Equal(ExpectedInventory.Regions(account));
            inventory.Resources.Should().BeEquivalentTo(ExpectedInventory.Resources(account), o => o.WithStrictOrdering(), $"resources of {account.Id}");

            // Without a policy the baseline is read in every enabled Region.
            List<string> everywhere = [.. account.EnabledRegions];
            inventory.Config.Should().BeEquivalentTo(ExpectedInventory.Config(account, everywhere), o => o.WithStrictOrdering(), $"Config of {account.Id}");
            inventory.SecurityHub.Should().BeEquivalentTo(ExpectedInventory.SecurityHub(account, everywhere), o => o.WithStrictOrdering(), $"Security Hub of {account.Id}");
            inventory.GuardDuty.Should().BeEquivalentTo(ExpectedInventory.GuardDuty(account), o => o.WithStrictOrdering(), $"GuardDuty of {account.Id}");
        }

        var ledger = bench.Server.Ledger.Snapshot();
        ledger.Duplicates.Should().Be(0, because: string.Join("; ", ledger.DuplicateExamples));
        ledger.ByOperation["STS.AssumeRole"].Should().Be(Organization.Accounts.Count);
        ledger.ByOperation["EC2.DescribeRegions"].Should().Be(Organization.Accounts.Count);
        ledger.ByOperation["EC2.DescribeInstances"].Should().Be(Organization.Accounts.Sum(a => a.EnabledRegions.Count()));
        ledger.ByOperation["IAM.GetCredentialReport"].Should().Be(Organization.Accounts.Count);
        ledger.ByOperation["IAM.GetLoginProfile"].Should().Be(Organization.Accounts.Sum(a => a.Users.Count(u => u.CreatedAt > a.CredentialReportAt)),
            because: "only a user newer than the credential report is asked about its password one by one");
        ledger.ByOperation["CloudTrail.GetTrailStatus"].Should().Be(1, because: "only the management account reads the organization trail");
    }

    [Fact]
    public void The_small_organization_has_every_kind_of_account_the_benchmark_scans()
    {
        Organization.Accounts.Should().Contain(a => a.OptedInRegions.Contains("eu-south-1"));
        Organization.Accounts.Should().Contain(a => a.Users.Any(u => u.CreatedAt > a.CredentialReportAt && u.Keys.Any(k => k.Active)));
        Organization.Accounts.SelectMany(a => a.Users).Should().Contain(u => u.Keys.Any(k => !k.Active) && u.Keys.Any(k => k.Active), because: "a rotated key");
        Organization.Accounts.SelectMany(a => a.Users).Should().Contain(u => u.Keys.Count > 0 && u.Keys.All(k => !k.Active), because: "a user with only an inactive key");
        Organization.Accounts.SelectMany(a => a.Instances).Should().Contain(i => i.State == "terminated");
        Organization.Accounts.SelectMany(a => a.Instances).Should().Contain(i => i.Tags.Count == 0);
        Organization.Accounts.SelectMany(a => a.Functions).Should().Contain(f => f.Tags.Count == 0).And.Contain(f => f.Tags.Count > 0);
        Organization.Accounts.SelectMany(a => a.TaggedOnly).Should().NotBeEmpty();
        Organization.Accounts.Should().Contain(a => a.ConfigRecorders.Any(r => !r.Recording), because: "a stopped Config recorder");
        Organization.Accounts.Should().Contain(a => a.EnabledRegions.Any(r => a.Detectors.All(d => d.Region != r)), because: "a Region without GuardDuty");
        Organization.Accounts.SelectMany(a => a.Detectors).Should().Contain(d => d.Status == "DISABLED", because: "a suspended GuardDuty detector");
        Organization.Accounts.Should().Contain(a => a.EnabledRegions.Any(r => !a.SecurityHubRegions.Contains(r)), because: "a Region without Security Hub");
        Organization.Attachments.Should().Contain(a => a.TargetId != Organization.RootId && a.PolicyId != SyntheticPolicy.FullAwsAccess.Id, because: "a guardrail SCP on an OU");
        Organization.DelegatedAdministrators.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_full_scan_completes_when_a_tenth_of_the_calls_are_throttled()
    {
        bench.Server.ThrottlePercent = 10;
        var environment = bench.Environment;
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);
        var collector = new AccountCollector(new CollectionOptions(), TimeProvider.System);
        var accounts = Organization.Accounts.Take(4).Select(a => ExpectedInventory.Account(Organization, a)).ToList();
        var scan = new OrganizationScan(new AccountScanner(sessions, collector, ScanPolicy.Default, Organization.ManagementAccountId), 4);

        var results = await scan.RunAsync(accounts, null, null, default);

        var ledger = bench.Server.Ledger.Snapshot();
        ledger.Throttled.Should().BePositive(because: "every service answered some calls with its own throttling error");
        results.Should().OnlyContain(r => r.Error == null && r.Gaps.Count == 0, because: "the SDK retries throttled calls");
        foreach (var result in results)
        {
            var account = Organization.Find(result.Account.Id)!;
            result.Inventory!.Resources.Should().BeEquivalentTo(ExpectedInventory.Resources(account), o => o.WithStrictOrdering());
            result.Inventory.IamUsers.Should().BeEquivalentTo(ExpectedInventory.Users(account), o => o.WithStrictOrdering());
        }

        ledger.Duplicates.Should().Be(0, because: "a throttled call is retried, not repeated after an answer");

        // Retried, so recognised as throttling, in every protocol: awsQuery (Throttling), ec2 (RequestLimitExceeded, 503),
        // awsJson (ThrottledException) and restJson (TooManyRequestsException, 429).
        ledger.ThrottledByOperation.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).Distinct()
            .Should().Contain(["IAM", "EC2", "Tagging", "Lambda"]);
    }

    [Fact]
    public async Task Pages_are_followed_to_the_end_in_every_protocol()
    {
        var environment = bench.Environment;
        using var organizations = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        var parent = Organization.Accounts.GroupBy(a => a.ParentId).MaxBy(g => g.Count())!;
        var pages = await Paginator.PagesAsync(r => organizations.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, r, default),
            OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(parent.Key, MaxResults: 2)).ToListAsync();
        pages.Should().HaveCount((parent.Count() + 1) / 2).And.HaveCountGreaterThan(1);
        pages.SelectMany(p => p.Accounts!).Select(a => a.Id).Should().Equal(parent.Select(a => a.Id));

        var account = Organization.Accounts.First(a => a.Users.Count >= 3);
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);
        var session = await sessions.ForAccountAsync(account.Id, default);
        var users = await Paginator.PagesAsync(r => session.Client(IamApi.Service).SendAsync(IamApi.ListUsers.Operation, r, default),
            IamApi.ListUsers, new ListUsersRequest(MaxItems: 2)).ToListAsync();
        users.Should().HaveCount((account.Users.Count + 1) / 2);
        users.SelectMany(p => p.Users!).Select(u => u.UserName).Should().Equal(account.Users.Select(u => u.Name));

        var region = account.Functions.GroupBy(f => f.Region).MaxBy(g => g.Count())!;
        var functions = await Paginator.PagesAsync(r => session.Client(LambdaApi.Service, region.Key).SendAsync(LambdaApi.ListFunctions.Operation, r, default),
            LambdaApi.ListFunctions, new ListFunctionsRequest(MaxItems: 1)).ToListAsync();
        functions.Should().HaveCount(region.Count());
        functions.SelectMany(p => p.Functions!).Select(f => f.FunctionName).Should().Equal(region.Select(f => f.Name));
    }

    [Fact]
    public async Task AssumeRole_is_refused_for_an_account_outside_the_organization()
    {
        using var sessions = new AccountSessionFactory(bench.Environment, ScanPolicy.DefaultAuditRoleName, null);

        var error = (await FluentActions.Awaiting(() => sessions.ForAccountAsync("999999999999", default))
            .Should().ThrowAsync<AwsServiceException>()).Which;

        error.ErrorCode.Should().Be("AccessDenied");
        error.Kind.Should().Be(AwsErrorKind.AccessDenied);
    }

    [Fact]
    public async Task DescribeRegions_lists_opt_in_regions_with_their_status()
    {
        var account = Organization.Accounts.First(a => a.OptedInRegions.Count > 0);
        using var sessions = new AccountSessionFactory(bench.Environment, ScanPolicy.DefaultAuditRoleName, null);
        var session = await sessions.ForAccountAsync(account.Id, default);

        var regions = (await session.Ec2().DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true })).Regions;

        regions.Should().HaveCount(AwsRegions.Default.Count + AwsRegions.OptIn.Count);
        regions.Should().ContainSingle(r => r.RegionName == "eu-south-1").Which.OptInStatus.Should().Be("opted-in");
        regions.Should().ContainSingle(r => r.RegionName == "af-south-1").Which.OptInStatus.Should().Be("not-opted-in");
        regions.Where(r => r.OptInStatus == "opt-in-not-required").Select(r => r.RegionName).Should().BeEquivalentTo(AwsRegions.Default);
    }
}
