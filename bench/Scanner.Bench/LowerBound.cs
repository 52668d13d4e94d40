using Scanner.Bench.Server.Model;
using Scanner.Core.Checks;
using Scanner.Emulator.Model;

namespace Scanner.Bench;

/// <summary>
/// The fastest a scan of the synthetic organization could possibly be when every AWS answer takes L, computed from the
/// collectors' structure (which calls wait for which, and the bounds they run under), not measured:
/// <list type="bullet">
/// <item>one account: AssumeRole, then three branches at once. Regions: DescribeRegions, then every enabled region
/// (EC2, Lambda and tagging at once in a region, and beside them its security baseline: GuardDuty's ListDetectors →
/// GetDetector per detector; where the policy requires them, Config's three Describe calls one after another and
/// Security Hub's DescribeHub) with at most R regions in flight. IAM: ListUsers beside
/// GenerateCredentialReport → GetCredentialReport, then the users with at most I in flight, each user's calls one after
/// another (ListUserTags, then ListAccessKeys if the report shows an active key; a user newer than the report:
/// ListUserTags, GetLoginProfile, ListMFADevices, ListAccessKeys, GetAccessKeyLastUsed per active key).
/// Trails (management account only): DescribeTrails → GetTrailStatus.</item>
/// <item>the organization: GetCallerIdentity, DescribeOrganization, ListRoots, the OU tree walked page by page one after
/// another; the SCPs attached to the root, every OU and every account (K in flight), every attached policy's document
/// (K in flight), ListDelegatedAdministrators → each administrator's services (K in flight); ListOrganizationsFeatures;
/// then account tags with at most K in flight.</item>
/// <item>the scan: with at most C accounts in flight, each taking at least its own chain, it takes at least
/// Σ chains / C, and at least the longest chain.</item>
/// </list>
/// Rounds of a bounded phase: max(longest item, ⌈Σ items / bound⌉), itself a lower bound of any schedule.
/// </summary>
internal sealed record LowerBound
{
    public required int OrganizationChain { get; init; }
    public required IReadOnlyList<int> AccountChains { get; init; }
    public required int AccountConcurrency { get; init; }
    public required double LatencyMs { get; init; }
    public required string LongestChainDescription { get; init; }

    public int LongestAccountChain => AccountChains.Count == 0 ? 0 : AccountChains.Max();
    public long SumOfAccountChains => AccountChains.Sum(c => (long)c);

    public TimeSpan OrganizationRead => TimeSpan.FromMilliseconds(OrganizationChain * LatencyMs);

    public TimeSpan AccountScans => TimeSpan.FromMilliseconds(Math.Max((double)SumOfAccountChains / AccountConcurrency, LongestAccountChain) * LatencyMs);

    public TimeSpan Total => OrganizationRead + AccountScans;

    // Page sizes: what the collectors ask for, or the service's default where they ask for none (as the bench server pages).
    private const int Ec2InstancesPerPage = 1000;
    private const int TaggingPerPage = 100;
    private const int LambdaPerPage = 50;
    private const int IamPerPage = 100;
    private const int OrganizationsPerPage = 20;

    public static LowerBound For(SyntheticOrganization organization, ScanSettings settings, double latencyMs, IReadOnlyList<SyntheticAccount>? scanned = null)
    {
        var accounts = scanned ?? organization.Accounts;
        var chains = accounts.Select(a => AccountChain(organization, a, settings, out _)).ToList();
        var longest = accounts.Count == 0 ? null : accounts[chains.IndexOf(chains.Max())];
        var description = "";
        if (longest is not null)
        {
            AccountChain(organization, longest, settings, out description);
        }


        return new LowerBound
        {
            OrganizationChain = OrganizationChainOf(organization, settings),
            AccountChains = chains,
            AccountConcurrency = settings.AccountConcurrency,
            LatencyMs = latencyMs,
            LongestChainDescription = description,
        };
    }

    private static int Pages(int items, int perPage) => Math.Max(1, (items + perPage - 1) / perPage);

    /// <summary>Rounds needed for items of these lengths with at most <paramref name="bound"/> at once.</summary>
    private static int Rounds(List<int> items, int bound)
        => items.Count == 0 ? 0 : Math.Max(items.Max(), (items.Sum() + bound - 1) / bound);

    public static int AccountChain(SyntheticOrganization organization, SyntheticAccount account, ScanSettings settings, out string description)
    {
        var required = SecurityBaselineRegions.Required(account.EnabledRegions, ScanHarness.Policy.For(ExpectedInventory.Account(organization, account)));
        var regions = account.EnabledRegions.Select(region => Math.Max(
            Pages(account.Instances.Count(i => i.Region == region), Ec2InstancesPerPage),
            Math.Max(
                Pages(account.Functions.Count(f => f.Region == region), LambdaPerPage),
                Math.Max(
                    Pages(account.Instances.Count(i => i.Region == region && i.Tags.Count > 0)
                        + account.Functions.Count(f => f.Region == region && f.Tags.Count > 0)
                        + account.TaggedOnly.Count(r => r.Region == region), TaggingPerPage),
                    BaselineChain(account, region, required.Contains(region)))))).ToList();
        var regionBranch = 1 + Rounds(regions, settings.RegionConcurrency);

        var users = account.Users.Select(u => u.CreatedAt <= account.CredentialReportAt
            ? 1 + (u.Keys.Any(k => k.Active) ? 1 : 0)
            : 4 + u.Keys.Count(k => k.Active)).ToList();
        var iamBranch = Math.Max(Pages(account.Users.Count, IamPerPage), 2) + Rounds(users, settings.IamConcurrency);

        var trailBranch = account.Id == organization.ManagementAccountId ? 2 : 0;
        var chain = 1 + Math.Max(regionBranch, Math.Max(iamBranch, trailBranch));
        description = regionBranch >= iamBranch
            ? $"AssumeRole → DescribeRegions → {regions.Count} regions, {settings.RegionConcurrency} at a time ({regionBranch - 1} rounds)"
            : $"AssumeRole → ListUsers ∥ GenerateCredentialReport → GetCredentialReport → {users.Count} users, {settings.IamConcurrency} at a time ({iamBranch - 2} calls deep)";
        return chain;
    }

    /// <summary>GuardDuty's ListDetectors then one GetDetector per detector; Config's three calls where required (DescribeHub beside them).</summary>
    private static int BaselineChain(SyntheticAccount account, string region, bool required)
        => Math.Max(1 + account.Detectors.Count(d => d.Region == region), required ? 3 : 0);

    public static int OrganizationChainOf(SyntheticOrganization organization, ScanSettings settings)
    {
        // GetCallerIdentity, DescribeOrganization, ListRoots; then the walk: each container's accounts, then its OUs, depth first.
        var walk = 0;
        foreach (var container in new[] { organization.RootId }.Concat(organization.OrganizationalUnits.Select(o => o.Id)))
        {
            walk += Pages(organization.Accounts.Count(a => a.ParentId == container), OrganizationsPerPage);
            walk += Pages(organization.OrganizationalUnits.Count(o => o.ParentId == container), OrganizationsPerPage);
        }

        var bound = settings.OrganizationConcurrency;
        var targets = Rounds([.. Enumerable.Repeat(1, 1 + organization.OrganizationalUnits.Count + organization.Accounts.Count)], bound);
        var documents = Rounds([.. organization.Attachments.Select(a => a.PolicyId).Distinct(StringComparer.Ordinal).Select(_ => 1)], bound);
        var delegated = 1 + Rounds([.. organization.DelegatedAdministrators.Select(d => d.AccountId).Distinct(StringComparer.Ordinal).Select(_ => 1)], bound);
        const int rootAccessFeatures = 1;
        var tags = Rounds(organization.Accounts.Select(_ => 1).ToList(), bound);
        return 3 + walk + targets + documents + delegated + rootAccessFeatures + tags;
    }

    /// <summary>The chain with no bound inside an account (R and I unlimited; a user's calls still one after another, as the collector makes them).</summary>
    public static int DependencyChain(SyntheticOrganization organization, SyntheticAccount account)
        => AccountChain(organization, account, new ScanSettings(1, 1000, 1000, 1000), out _);
}
