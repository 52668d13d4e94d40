using Scanner.Core.Checks;

namespace Scanner.Aws.Publishing;

/// <summary>
/// An account's scan-health finding as the scanner's own Security Hub held it when the run began: read once per run
/// (by the dispatcher, carried in each scan job; by the CLI before it scans), so that scanning an account costs no
/// read in the scanner's account, and a health finding is written only when the account's state changes.
/// </summary>
public sealed record PreviousScanHealth
{
    public required string AccountId { get; init; }

    /// <summary>Scanned when no active health finding exists for the account.</summary>
    public required ScanState State { get; init; }

    /// <summary>Digest of the active finding's verdict, title and description (<see cref="AccountScanHealth.Digest"/>); null when Scanned.</summary>
    public string? Digest { get; init; }

    /// <summary>The active finding's timestamps, kept on the next import (creation and first observation are history).</summary>
    public string? CreatedAt { get; init; }

    public string? FirstObservedAt { get; init; }

    public string? UpdatedAt { get; init; }

    /// <summary>An account without an active health finding: it scanned cleanly last time (or never failed).</summary>
    public static PreviousScanHealth Clean(string accountId) => new() { AccountId = accountId, State = ScanState.Scanned };
}
