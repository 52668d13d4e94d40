namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;

/// <summary>
/// scan.account-not-scanned: the scanner could not scan an account at all (the audit role could not be assumed,
/// Security Hub is off there, the account was unreachable). It is not an ICheck: no inventory exists to evaluate.
/// The dispatcher or account scanner builds the result with <see cref="AccountNotScanned"/>.
/// </summary>
public static class ScanHealth
{
    public static CheckMetadata AccountNotScannedDefinition { get; } = new()
    {
        Id = "scan.account-not-scanned",
        Title = "Account could not be scanned",
        Severity = Severity.High,
        Description =
            "An active account the scanner could not scan: its compliance is unknown, and findings raised there earlier "
            + "are neither updated nor resolved.",
        Remediation =
            "Deploy the audit role to the account: in the management account, CloudFormation console > StackSets > the "
            + "audit role StackSet > Add stacks to StackSet (or turn on automatic deployment for the account's OU), or "
            + "aws cloudformation create-stack-instances --stack-set-name STACK_SET --deployment-targets "
            + "OrganizationalUnitIds=OU_ID --regions HOME_REGION. Check that the role's trust policy names the scanner's "
            + "role and, if one is configured, the external ID; check that no service control policy denies sts:AssumeRole "
            + "or the scanner's read actions; and enable Security Hub in the account's home Region (Security Hub console > "
            + "Enable, or aws securityhub enable-security-hub), since findings are imported through the account itself.",
        RemediationUrl = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [],
    };

    /// <summary>
    /// An ERROR result saying that an account was not scanned, and why.
    /// The finding is stored in the scanner's own account (<paramref name="reportingAccountId"/>), not in the target
    /// account: the target could not be reached, so nothing can be written there. Its subject is still the target
    /// account (ResourceId AWS::::Account:{accountId}), so its finding id is distinct per target and stable across
    /// scans, and it is resolved once the account scans again.
    /// </summary>
    /// <param name="accountId">The account that could not be scanned.</param>
    /// <param name="accountName">Its name in AWS Organizations, if known.</param>
    /// <param name="reason">What went wrong, for a person: "the audit role OrganizationComplianceAudit could not be assumed".</param>
    /// <param name="errorCode">The AWS error code (AccessDenied, InvalidClientTokenId), or a short code of the scanner's own.</param>
    /// <param name="reportingAccountId">The scanner's own account, where the finding is stored.</param>
    /// <param name="region">The Region the finding is imported into (the scanner's home Region).</param>
    public static CheckResult AccountNotScanned(
        string accountId, string accountName, string reason, string errorCode, string reportingAccountId, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingAccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var definition = AccountNotScannedDefinition;
        var account = string.IsNullOrWhiteSpace(accountName) ? $"Account {accountId}" : $"Account {accountId} ({accountName})";
        var why = string.IsNullOrWhiteSpace(reason) ? "the scan failed" : reason.Trim().TrimEnd('.');
        var code = string.IsNullOrWhiteSpace(errorCode) ? "" : $" (error {errorCode})";

        return AsffLimits.Fit(new CheckResult
        {
            CheckId = definition.Id,
            AccountId = reportingAccountId,
            Region = region,
            ResourceType = ResourceTypes.Account,
            ResourceId = ResourceTypes.AccountResourceId(accountId),
            Status = CheckStatus.Error,
            Severity = definition.Severity,
            Title = $"{account} could not be scanned: {why}",
            Description =
                $"{account} could not be scanned: {why}{code}. None of its checks ran, so its compliance is unknown and "
                + "findings raised there earlier are left as they were: a problem fixed there will not be resolved, and a new "
                + "one will not be reported, until the scanner can reach the account again.",
            Remediation = definition.Remediation,
            RemediationUrl = definition.RemediationUrl,
            Reason = string.IsNullOrWhiteSpace(errorCode) ? why : $"{why} ({errorCode})",
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TargetAccountId"] = accountId,
                ["TargetAccountName"] = accountName ?? "",
                ["ErrorCode"] = errorCode ?? "",
            },
        });
    }
}
