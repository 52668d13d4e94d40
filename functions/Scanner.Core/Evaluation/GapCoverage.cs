using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Core.Evaluation;

/// <summary>
/// The one rule for what a collection gap hides: a gap in a data source a check reads, in the finding's Region or
/// without a Region (a global service), means this scan could not re-check that check's findings there. A finding
/// without a Region is hidden by any gap of its sources.
/// </summary>
public static class GapCoverage
{
    public static bool Hides(CheckMetadata check, string? region, IReadOnlyList<CollectionGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(gaps);
        return gaps.Any(gap =>
            check.DataSources.Contains(gap.Service, StringComparer.Ordinal)
            && (gap.Region is null || region is null || string.Equals(gap.Region, region, StringComparison.Ordinal)));
    }
}
