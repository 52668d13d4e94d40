using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// The other half of scan.account-not-scanned. An account that could not be scanned gets an ERROR result
/// (<see cref="ScanHealth.AccountNotScanned"/>), stored as a FAILED finding in the scanner's own account. When the
/// account scans again, <see cref="Scanned"/> gives the PASSED result with the same finding id, and publishing it
/// resolves that finding. Findings of this check are resolved only this way, per account, never because an account
/// is missing from a publish: a scan of some accounts says nothing about the others.
/// </summary>
public static class AccountScanHealth
{
    public static string CheckId => ScanHealth.AccountNotScannedDefinition.Id;

    /// <summary>The PASSED result saying that <paramref name="accountId"/> was scanned.</summary>
    /// <param name="accountId">The account that was scanned.</param>
    /// <param name="accountName">Its name in AWS Organizations, if known.</param>
    /// <param name="reportingAccountId">The scanner's own account, where scan.account-not-scanned findings are stored.</param>
    /// <param name="region">The Region those findings are imported into (the scanner's home Region).</param>
    public static CheckResult Scanned(string accountId, string accountName, string reportingAccountId, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingAccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var definition = ScanHealth.AccountNotScannedDefinition;
        var account = string.IsNullOrWhiteSpace(accountName) ? $"Account {accountId}" : $"Account {accountId} ({accountName})";
        return new CheckResult
        {
            CheckId = definition.Id,
            AccountId = reportingAccountId,
            Region = region,
            ResourceType = ResourceTypes.Account,
            ResourceId = ResourceTypes.AccountResourceId(accountId),
            Status = CheckStatus.Passed,
            Severity = Severity.Informational,
            Title = $"{account} was scanned",
            Description = $"{account} was scanned: the audit role could be assumed and its checks ran.",
            Remediation = definition.Remediation,
            RemediationUrl = definition.RemediationUrl,
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TargetAccountId"] = accountId,
                ["TargetAccountName"] = accountName ?? "",
            },
        };
    }
}
