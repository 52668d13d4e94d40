namespace Scanner.Core.Checks;

using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// Where the security baseline (Config, Security Hub) must run in an account: every approved Region, or, with none
/// approved, every enabled Region. Only Regions the scan read are judged; one it could not read is a gap. The collector
/// asks the same question before the scan, so that it reads Config and Security Hub only where they are judged.
/// </summary>
public static class SecurityBaselineRegions
{
    public static IReadOnlyList<string> Required(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return Required(inventory.EnabledRegions.Select(r => r.Name), policy);
    }

    /// <summary>The Regions, of <paramref name="enabled"/> when none is approved, where the baseline must run.</summary>
    public static IReadOnlyList<string> Required(IEnumerable<string> enabled, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var required = policy.ApprovedRegions.Count > 0 ? policy.ApprovedRegions : enabled;
        return [.. required.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Each required Region with the state collected there; Regions not collected (a gap) are skipped.</summary>
    public static IEnumerable<(string Region, T State)> Collected<T>(AccountInventory inventory, AccountPolicy policy, IReadOnlyList<T> states, Func<T, string> regionOf)
        where T : class
    {
        foreach (var region in Required(inventory, policy))
        {
            if (states.FirstOrDefault(s => string.Equals(regionOf(s), region, StringComparison.Ordinal)) is { } state)
            {
                yield return (region, state);
            }
        }
    }

    public static string Why(AccountPolicy policy) =>
        policy.ApprovedRegions.Count > 0 ? "an approved Region" : "an enabled Region (no Regions are approved in the policy, so every enabled one counts)";
}
