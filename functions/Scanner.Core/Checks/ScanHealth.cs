namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

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
            "Deploy the audit role to the account: in the management account, CloudFormation > StackSets > the "
            + "audit role's StackSet > Add stacks (or auto-deploy to its OU), or aws cloudformation "
            + "create-stack-instances --stack-set-name STACK_SET --deployment-targets OrganizationalUnitIds=OU_ID "
            + "--regions HOME_REGION. Check that the role's trust policy names the scanner's role (and external ID), "
            + "that no SCP denies sts:AssumeRole or its reads, and that Security Hub is on in the home Region: "
            + "findings are imported there.",
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
        var account = AccountLabel(accountId, accountName);
        var why = string.IsNullOrWhiteSpace(reason) ? "the scan failed" : reason.Trim().TrimEnd('.');
        var code = string.IsNullOrWhiteSpace(errorCode) ? "" : $" (error {errorCode})";
        return AsffLimits.Fit(AboutAccount(accountId, accountName, reportingAccountId, region, errorCode) with
        {
            Status = CheckStatus.Error,
            Severity = AccountNotScannedDefinition.Severity,
            Title = $"{account} could not be scanned: {why}",
            Description =
                $"{account} could not be scanned: {why}{code}. None of its checks ran, so its compliance is unknown and "
                + "findings raised there earlier are left as they were: a problem fixed there will not be resolved, and a new "
                + "one will not be reported, until the scanner can reach the account again.",
            Reason = string.IsNullOrWhiteSpace(errorCode) ? why : $"{why} ({errorCode})",
        });
    }

    /// <summary>
    /// A FAILED result saying that an account was scanned only in part: the services and Regions named could not be
    /// read, so the checks that depend on them were not evaluated there and their findings were left as they were.
    /// Same finding id as <see cref="AccountNotScanned"/> (one scan-health finding per account, whose state changes).
    /// Only the services, Regions and error codes are named, never the messages (they carry request ids), so an
    /// unchanged partial scan gives the same finding and nothing is written.
    /// </summary>
    public static CheckResult AccountPartiallyScanned(
        string accountId, string accountName, IReadOnlyList<CollectionGap> gaps, string reportingAccountId, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingAccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var account = AccountLabel(accountId, accountName);
        var unread = DescribeGaps(gaps);
        var codes = string.Join(", ", gaps.Select(g => g.ErrorCode).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return AsffLimits.Fit(AboutAccount(accountId, accountName, reportingAccountId, region, codes) with
        {
            Status = CheckStatus.Failed,
            Severity = Severity.Medium,
            Title = $"{account} was only partially scanned: {unread} could not be read",
            Description =
                $"{account} was scanned, but {unread} could not be read{(codes.Length == 0 ? "" : $" (errors {codes})")}. "
                + "The checks that depend on them were not evaluated there, so findings raised there earlier are left as they "
                + "were and a new problem there would not be reported: its compliance is partly unknown.",
            Remediation =
                "Check that the audit role in the account may make the scanner's read calls for the services named (no service "
                + "control policy or permissions boundary denies them, and the Regions named are enabled and reachable), then "
                + "scan the account again. Throttling and service errors usually pass by themselves at the next scan.",
            Reason = unread,
        });
    }

    /// <summary>
    /// The parts every scan-health result shares, whatever its state (one finding per account): stored in the scanner's
    /// own account, about the target account (ResourceId AWS::::Account:{accountId}), with the check's remediation.
    /// The caller sets the verdict and the words.
    /// </summary>
    public static CheckResult AboutAccount(string accountId, string? accountName, string reportingAccountId, string region, string? errorCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportingAccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TargetAccountId"] = accountId,
            ["TargetAccountName"] = accountName ?? "",
        };
        if (errorCode is not null)
        {
            details["ErrorCode"] = errorCode;
        }

        return new CheckResult
        {
            CheckId = AccountNotScannedDefinition.Id,
            AccountId = reportingAccountId,
            Region = region,
            ResourceType = ResourceTypes.Account,
            ResourceId = ResourceTypes.AccountResourceId(accountId),
            Status = CheckStatus.Passed,
            Severity = Severity.Informational,
            Title = $"{AccountLabel(accountId, accountName)} was scanned",
            Description = "",
            Remediation = AccountNotScannedDefinition.Remediation,
            RemediationUrl = AccountNotScannedDefinition.RemediationUrl,
            Details = details,
        };
    }

    /// <summary>"Account 123456789012 (payments-prod)", or without the name when it is not known.</summary>
    public static string AccountLabel(string accountId, string? accountName) =>
        string.IsNullOrWhiteSpace(accountName) ? $"Account {accountId}" : $"Account {accountId} ({accountName})";

    /// <summary>
    /// What could not be read, for a person, in a stable order: "IAM (global), EC2 in eu-west-1 and us-east-2, Lambda in eu-west-1".
    /// </summary>
    public static string DescribeGaps(IReadOnlyList<CollectionGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var parts = gaps
            .GroupBy(g => SourceName(g.Service), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var regions = g.Select(x => x.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var global = g.Any(x => x.Region is null);
                return (global, regions.Count) switch
                {
                    (true, 0) => $"{g.Key} (global)",
                    (true, _) => $"{g.Key} (global, and in {string.Join(", ", regions)})",
                    _ => $"{g.Key} in {string.Join(", ", regions)}",
                };
            })
            .ToList();
        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
    }

    /// <summary>The service a data source is read from, in AWS's words.</summary>
    public static string SourceName(string source) => source switch
    {
        DataSource.Lambda => "Lambda",
        DataSource.Ec2 => "EC2",
        DataSource.Regions => "EC2",
        DataSource.Tagging => "Resource Groups Tagging API",
        DataSource.Iam => "IAM",
        DataSource.CredentialReport => "IAM",
        DataSource.CloudTrail => "CloudTrail",
        DataSource.Organizations => "Organizations",
        _ => source,
    };
}
