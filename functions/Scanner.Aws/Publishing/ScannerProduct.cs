using System.Reflection;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;

namespace Scanner.Aws.Publishing;

/// <summary>
/// How this scanner signs its findings, and how it recognises them among everything else in an account's Security
/// Hub. With the default product ARN every custom integration in the account shares the same ProductArn, so a
/// finding is ours only when it also carries our GeneratorId (a check id) and our ProviderName product field.
/// Findings of other products or generators are never read as ours, and so never touched.
/// </summary>
public static class ScannerProduct
{
    /// <summary>ProductName, and the ProviderName product field. Security Hub keeps both for custom integrations.</summary>
    public const string Name = "Org Compliance Scanner";

    /// <summary>The CompanyName Security Hub gives findings of the default product; sent as such so filters keep working.</summary>
    public const string CompanyName = "Personal";

    /// <summary>ProductFields keys. ProviderName/ProviderVersion are the names the ASFF documentation suggests.</summary>
    public static class Fields
    {
        public const string ProviderName = "ProviderName";
        public const string ProviderVersion = "ProviderVersion";
        public const string CheckId = "compliance/checkId";

        /// <summary>The scanner's own verdict: FAILED, PASSED, EXEMPTED or ERROR (Compliance.Status has no EXEMPTED).</summary>
        public const string Status = "compliance/status";

        /// <summary>Why the result is exempted (the tag or policy entry, and its expiry).</summary>
        public const string Exemption = "compliance/exemption";

        /// <summary>Where the exemption in force was declared: policy-file, account-tag (Organizations) or resource-tag.</summary>
        public const string ExemptionSource = "compliance/exemptionSource";

        /// <summary>Which tag on which resource, or which policy entry, declared the exemption in force.</summary>
        public const string ExemptionDeclaredAt = "compliance/exemptionDeclaredAt";

        /// <summary>The reason given with the exemption in force (the policy entry's reason, or the compliance:exempt-reason tag).</summary>
        public const string ExemptionReason = "compliance/exemptionReason";

        /// <summary>The last day (YYYY-MM-DD, UTC) the exemption in force applies, or "none".</summary>
        public const string ExemptionUntil = "compliance/exemptionUntil";

        /// <summary>On a FAILED finding: the policy rules that refused an exemption tag ("tagExemptions.maxDays, ...").</summary>
        public const string ExemptionRefusedBy = "compliance/exemptionRefusedBy";

        /// <summary>Why the account could not be scanned (ERROR results).</summary>
        public const string Error = "compliance/error";

        /// <summary>When a resolved finding failed again and was reactivated (kept while it stays active).</summary>
        public const string ReopenedAt = "compliance/reopenedAt";

        /// <summary>How a finding was resolved: "passed" (the check passed) or "not-reported" (the subject is gone).</summary>
        public const string Resolution = "compliance/resolution";

        /// <summary>The change that caused the rescan which raised or resolved the finding, in one sentence (see <see cref="TriggerAttribution"/>).</summary>
        public const string Trigger = "compliance/trigger";

        /// <summary>That change's CloudTrail event name (CreateAccessKey, RunInstances...).</summary>
        public const string TriggerEventName = "compliance/trigger/eventName";

        /// <summary>When that change was made (CloudTrail's eventTime).</summary>
        public const string TriggerEventTime = "compliance/trigger/eventTime";

        /// <summary>Who made that change (the caller's ARN).</summary>
        public const string TriggerPrincipal = "compliance/trigger/principal";

        /// <summary>CloudTrail's eventID of that change.</summary>
        public const string TriggerEventId = "compliance/trigger/eventId";

        /// <summary>The fingerprint of what the finding says (see <see cref="FindingContent"/>): unchanged findings are not re-imported.</summary>
        public const string ContentHash = "compliance/contentHash";
    }

    /// <summary>The scanner's version, from the assembly (without the source revision suffix).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The default product ARN of an account in a Region: arn:{partition}:securityhub:{region}:{account}:product/{account}/default.</summary>
    public static string ProductArn(string region, string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return $"arn:{AwsEndpoints.PartitionOf(region)}:securityhub:{region}:{accountId}:product/{accountId}/default";
    }

    /// <summary>Whether a finding read from an account's Security Hub was written by this scanner for that account.</summary>
    public static bool IsOurs(AsffFinding finding, string accountId, string productArn)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return string.Equals(finding.ProductArn, productArn, StringComparison.Ordinal)
            && string.Equals(finding.AwsAccountId, accountId, StringComparison.Ordinal)
            && !string.IsNullOrEmpty(finding.GeneratorId)
            && finding.ProductFields is { } fields
            && fields.TryGetValue(Fields.ProviderName, out var provider)
            && string.Equals(provider, Name, StringComparison.Ordinal);
    }

    private static string ReadVersion()
    {
        var informational = typeof(ScannerProduct).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            return typeof(ScannerProduct).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? informational[..plus] : informational;
    }
}
