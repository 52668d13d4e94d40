using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Aws.Collectors;

/// <summary>
/// Builds one account's inventory: IAM and the enabled regions at once, then every region under a bound.
/// Every AWS call is made once; what fails is recorded as a gap, never silently skipped.
/// </summary>
public sealed class AccountCollector(CollectionOptions options, TimeProvider time)
{
    /// <param name="session">The account's session (its audit role).</param>
    /// <param name="account">The account, as the organization read it.</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <param name="policy">
    /// The account's policy, when known: Config and Security Hub are then read only in the Regions where it requires them
    /// (<see cref="SecurityBaselineRegions"/>). Null: everywhere scanned.
    /// </param>
    public async Task<AccountInventory> CollectAsync(AccountSession session, OrganizationAccount account, CancellationToken cancellationToken, AccountPolicy? policy = null)
    {
        var log = new CollectionLog();
        var iamTask = new IamCollector(session.Client(IamApi.Service), log, options.IamConcurrency).CollectAsync(cancellationToken);
        var trailsTask = account.IsManagementAccount
            ? new TrailCollector(session, log).CollectAsync(cancellationToken)
            : Task.FromResult<IReadOnlyList<Trail>>([]);
        var regions = await log.TryAsync(DataSource.Regions, null, () => RegionCollector.CollectAsync(session, cancellationToken), []);

        var scanned = regions.Where(r => options.Regions is null || options.Regions.Contains(r.Name)).ToList();
        if (regions.Count == 0)
        {
            // Without the region list we still look where the scanner runs, rather than nowhere.
            scanned = [new EnabledRegion(session.HomeRegion, "opt-in-not-required")];
        }

        var baselineRegions = policy is null ? null : SecurityBaselineRegions.Required(scanned.Select(r => r.Name), policy).ToHashSet(StringComparer.Ordinal);
        var perRegion = new IReadOnlyList<CloudResource>[scanned.Count];
        var baselines = new (ConfigRegion? Config, SecurityHubRegion? SecurityHub, GuardDutyRegion? GuardDuty)[scanned.Count];
        var collector = new RegionalResourceCollector(session, log);
        var baseline = new SecurityBaselineCollector(session, log);
        await Parallel.ForEachAsync(Enumerable.Range(0, scanned.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.RegionConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                // A Region's resources and its security baseline are independent reads: side by side, not one after the other.
                var resources = collector.CollectAsync(scanned[i].Name, ct);
                var security = baseline.CollectAsync(scanned[i].Name, baselineRegions?.Contains(scanned[i].Name) ?? true, ct);
                await Task.WhenAll(resources, security);
                perRegion[i] = await resources;
                baselines[i] = await security;
            });

        var (users, root) = await iamTask;
        var trails = await trailsTask;
        return new AccountInventory
        {
            Account = account,
            Partition = session.Partition,
            HomeRegion = session.HomeRegion,
            CollectedAt = time.GetUtcNow(),
            IamUsers = users,
            Root = root,
            RootAccessManagement = account.Guardrails?.RootAccessManagement,
            Trails = trails,
            EnabledRegions = regions,
            Resources = [.. perRegion.SelectMany(r => r)],
            Config = [.. baselines.Select(b => b.Config).OfType<ConfigRegion>()],
            SecurityHub = [.. baselines.Select(b => b.SecurityHub).OfType<SecurityHubRegion>()],
            GuardDuty = [.. baselines.Select(b => b.GuardDuty).OfType<GuardDutyRegion>()],

            // What the organization read could not get about this account is a gap of its scan like any other.
            Gaps = [.. log.Gaps, .. account.Guardrails?.Gaps ?? []],
        };
    }
}
