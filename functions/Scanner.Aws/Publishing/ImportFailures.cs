namespace Scanner.Aws.Publishing;

/// <summary>
/// Which per-finding failures of BatchImportFindings are worth retrying. Security Hub reports a refused finding in
/// FailedFindings with an ErrorCode; throttling, quota and internal errors pass, everything else (InvalidInput, a
/// finding too large, an account mismatch) would fail again the same way and is reported with its code.
/// </summary>
public static class ImportFailures
{
    private static readonly string[] TransientMarkers =
    [
        "throttl", "limitexceeded", "toomanyrequests", "ratelimit", "internal", "serviceunavailable", "unavailable", "timeout", "tryagain",
    ];

    public static bool IsTransient(string? errorCode) =>
        !string.IsNullOrWhiteSpace(errorCode)
        && TransientMarkers.Any(marker => errorCode.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
