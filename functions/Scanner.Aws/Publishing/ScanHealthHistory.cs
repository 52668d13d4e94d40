namespace Scanner.Aws.Publishing;

/// <summary>
/// Every active scan-health finding in the scanner's own account, by the account it is about, as one paged read
/// found them at the start of a run. An account not in it scanned cleanly last time.
/// </summary>
public sealed class ScanHealthHistory(IReadOnlyDictionary<string, PreviousScanHealth> active)
{
    public static ScanHealthHistory Empty { get; } = new(new Dictionary<string, PreviousScanHealth>(StringComparer.Ordinal));

    public int ActiveCount => active.Count;

    public PreviousScanHealth For(string accountId) => active.GetValueOrDefault(accountId) ?? PreviousScanHealth.Clean(accountId);
}
