namespace Scanner.Core.Checks;

/// <summary>
/// How far an account's last scan got, as its scan-health finding in the scanner's own account says. A health
/// finding is written only when this (or what it names) changes, so a rescan of an unchanged organization writes none.
/// </summary>
public enum ScanState
{
    /// <summary>Every collection succeeded: no active health finding (an earlier one is resolved).</summary>
    Scanned,

    /// <summary>The account was entered, but some services or Regions could not be read: an active FAILED finding naming them.</summary>
    PartiallyScanned,

    /// <summary>The account could not be scanned or its findings not published: an active ERROR finding with the reason.</summary>
    NotScanned,
}
