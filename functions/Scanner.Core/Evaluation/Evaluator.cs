namespace Scanner.Core.Evaluation;

using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// The outcome of evaluating one account: its results, the policy they were judged by, and which checks ran.
/// The publisher resolves an earlier finding that is absent from <see cref="Results"/> only where
/// <see cref="CanResolve"/> says this scan would have reported it.
/// </summary>
public sealed record AccountEvaluation
{
    public required AccountInventory Inventory { get; init; }

    /// <summary>The merged policy the checks saw.</summary>
    public required AccountPolicy Policy { get; init; }

    /// <summary>The checks that ran, ordered by id.</summary>
    public required IReadOnlyList<CheckMetadata> ChecksRun { get; init; }

    /// <summary>Ids of the checks that ran, ordered: the check scope of reconciliation.</summary>
    public IReadOnlyList<string> CheckIdsRun => [.. ChecksRun.Select(c => c.Id)];

    /// <summary>Results in a stable order (check, account, Region, resource), one per finding id.</summary>
    public required IReadOnlyList<CheckResult> Results { get; init; }

    /// <summary>
    /// Whether this scan is authoritative for findings of <paramref name="checkId"/> in <paramref name="region"/>:
    /// the check ran and every collection it reads succeeded there (a gap with no Region, a global service, counts
    /// everywhere). Only then may a finding this scan did not produce again be resolved.
    /// </summary>
    public bool CanResolve(string checkId, string region)
    {
        var metadata = ChecksRun.FirstOrDefault(c => string.Equals(c.Id, checkId, StringComparison.Ordinal));
        if (metadata is null)
        {
            return false;
        }

        return !GapCoverage.Hides(metadata, region, Inventory.Gaps);
    }
}

/// <summary>
/// Runs the enabled checks on one account's inventory under the account's merged policy, applies exemptions,
/// fits the texts to Security Hub's limits, and returns the results in a deterministic order, one per finding id.
/// Pure: the same inventory and policy give the same results.
/// </summary>
public static class Evaluator
{
    /// <summary>The results for one account, with every catalog check the policy enables.</summary>
    public static IReadOnlyList<CheckResult> Evaluate(AccountInventory inventory, ScanPolicy policy) =>
        Run(inventory, policy).Results;

    /// <summary>The full evaluation of one account, with every catalog check the policy enables.</summary>
    public static AccountEvaluation Run(AccountInventory inventory, ScanPolicy policy) =>
        Run(inventory, policy, CheckCatalog.Checks);

    /// <summary>The checks of <paramref name="checks"/> the policy enables, ordered by id.</summary>
    public static IReadOnlyList<ICheck> EnabledChecks(ScanPolicy policy, IReadOnlyList<ICheck> checks)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(checks);
        return [.. checks.Where(c => policy.IsEnabled(c.Metadata.Id)).OrderBy(c => c.Metadata.Id, StringComparer.Ordinal)];
    }

    /// <summary>The full evaluation of one account with a given set of checks (tests, or a subset chosen by the caller).</summary>
    public static AccountEvaluation Run(AccountInventory inventory, ScanPolicy policy, IReadOnlyList<ICheck> checks)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        var accountPolicy = policy.For(inventory.Account);
        var enabled = EnabledChecks(policy, checks);

        var raw = new List<CheckResult>();
        foreach (var check in enabled)
        {
            foreach (var result in check.Evaluate(inventory, accountPolicy))
            {
                // A result filed under another check's id would be resolved or kept under the wrong scope.
                if (!string.Equals(result.CheckId, check.Metadata.Id, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Check {check.Metadata.Id} returned a result for {result.CheckId}; a check reports only under its own id.");
                }

                raw.Add(result);
            }
        }

        var results = Exemptions.Apply(raw, inventory, policy)
            .Select(AsffLimits.Fit)
            .OrderBy(r => r.CheckId, StringComparer.Ordinal)
            .ThenBy(r => r.AccountId, StringComparer.Ordinal)
            .ThenBy(r => r.Region, StringComparer.Ordinal)
            .ThenBy(r => r.ResourceId, StringComparer.Ordinal)
            .DistinctBy(FindingIdentity.For, StringComparer.Ordinal)
            .ToList();

        return new AccountEvaluation
        {
            Inventory = inventory,
            Policy = accountPolicy,
            ChecksRun = [.. enabled.Select(c => c.Metadata)],
            Results = results,
        };
    }
}
