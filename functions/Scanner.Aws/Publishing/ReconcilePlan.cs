using Scanner.Aws.Services;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Publishing;

/// <summary>What the reconciler needs to know about one account's Security Hub and one scan of it.</summary>
public sealed record ReconcileInput
{
    /// <summary>The account whose Security Hub holds the findings; every result must belong to it.</summary>
    public required string AccountId { get; init; }

    /// <summary>The Region whose Security Hub receives the findings (the account's home Region).</summary>
    public required string Region { get; init; }

    /// <summary>This scan's results for the account.</summary>
    public required IReadOnlyList<CheckResult> Results { get; init; }

    /// <summary>
    /// This scanner's findings as read back from Security Hub: every ACTIVE one of the checks in scope, plus any
    /// ARCHIVED ones with the id of a failing or exempted result (so that a reactivated or re-exempted finding
    /// keeps its history). Findings of other products or generators may be passed; they are ignored.
    /// </summary>
    public required IReadOnlyList<AsffFinding> Existing { get; init; }

    /// <summary>Ids of the checks that ran; only their findings may be resolved.</summary>
    public required IReadOnlySet<string> ChecksRun { get; init; }

    /// <summary>What the scan could not collect; findings depending on it are left untouched.</summary>
    public IReadOnlyList<CollectionGap> Gaps { get; init; } = [];

    public required DateTimeOffset Now { get; init; }

    /// <summary>The change that caused this scan, named in the findings it decides; null for a scheduled or requested scan.</summary>
    public ScanTrigger? Trigger { get; init; }

    /// <summary>
    /// How long a finding whose content has not changed may go without being imported again. Security Hub deletes a
    /// finding not updated for 90 days, and every import is a billed ingestion event; see <see cref="FindingReconciler"/>.
    /// </summary>
    public TimeSpan RefreshAge { get; init; } = FindingReconciler.DefaultRefreshAge;
}

/// <summary>How an import changes a finding in Security Hub.</summary>
public enum FindingChange
{
    /// <summary>A failure seen for the first time.</summary>
    Created,

    /// <summary>A finding resolved earlier that fails again: the same id becomes ACTIVE and FAILED.</summary>
    Reactivated,

    /// <summary>An active finding still failing: re-imported, UpdatedAt and LastObservedAt moved.</summary>
    Updated,

    /// <summary>An active finding no longer failing (the check passed, or its subject is gone): PASSED and ARCHIVED.</summary>
    Resolved,

    /// <summary>An exempted result recorded as a PASSED, ARCHIVED finding carrying the exemption.</summary>
    Exempted,
}

public sealed record PlannedImport(AsffFinding Finding, FindingChange Change);

/// <summary>The findings to import, in a stable order (by id), and what was deliberately left alone.</summary>
public sealed record ReconcilePlan
{
    public required IReadOnlyList<PlannedImport> Imports { get; init; }

    /// <summary>
    /// Ids of active findings this scan could not re-check (their check did not run, or its data source has a gap
    /// in their Region), and of exemption records already up to date: nothing is imported for them.
    /// </summary>
    public required IReadOnlyList<string> Unchanged { get; init; }

    public int Count(FindingChange change) => Imports.Count(i => i.Change == change);
}
