using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Scanning;

/// <summary>Everything one account's scan produced: its results, what ran, what could not be read, and how long it took.</summary>
public sealed record AccountScanResult
{
    public required OrganizationAccount Account { get; init; }

    /// <summary>Null when the account could not be scanned at all (see <see cref="Error"/>).</summary>
    public AccountInventory? Inventory { get; init; }

    public required IReadOnlyList<CheckResult> Results { get; init; }

    /// <summary>Check ids that were evaluated; only their findings may be resolved.</summary>
    public required IReadOnlySet<string> ChecksRun { get; init; }

    public IReadOnlyList<CollectionGap> Gaps => Inventory?.Gaps ?? [];

    /// <summary>The evaluation, which knows which (check, region) pairs this scan may resolve; null when not scanned.</summary>
    public AccountEvaluation? Evaluation { get; init; }

    /// <summary>Why the account was not scanned (role missing, AssumeRole denied, suspended), for a person.</summary>
    public string? Error { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The change that caused this scan, named in the findings it raises or resolves; null for a scheduled scan.</summary>
    public Publishing.ScanTrigger? Trigger { get; init; }

    /// <summary>Set when results were published to Security Hub.</summary>
    public Publishing.PublishOutcome? Publish { get; init; }

    /// <summary>
    /// The account's scan health (in the scanner's own account): its ERROR result, a partial-scan result naming what
    /// could not be read, or PASSED. Set by the pipeline once the scan (and publish) is done.
    /// </summary>
    public CheckResult? Health { get; init; }

    /// <summary>Set when the account's health was published: what the import did (nothing at all when unchanged).</summary>
    public Publishing.PublishOutcome? HealthPublish { get; init; }

    /// <summary>
    /// True when the scan finished too close to the deadline to publish: nothing was written, and the account must be
    /// scanned again (the function returns its job to the queue).
    /// </summary>
    public bool Deferred { get; init; }
}
