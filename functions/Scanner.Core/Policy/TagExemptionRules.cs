namespace Scanner.Core.Policy;

/// <summary>
/// What the policy lets a resource's or IAM user's own <c>compliance:exempt</c> tag do. Those tags are written by
/// the audited account itself, so by default they are held short: each one names the checks it exempts (never
/// <c>*</c>), carries an expiry, and that expiry lies at most 90 days ahead. Exemptions in the policy file and
/// the account's tags in AWS Organizations (which only the management account can set) are not bound by these rules.
/// </summary>
/// <example>
/// <code>
/// tagExemptions:
///   allowedChecks: [iam.local-user, tag.resource-missing-required]
///   requireExpiry: true
///   maxDays: 90
/// </code>
/// </example>
public sealed record TagExemptionRules
{
    public const int DefaultMaxDays = 90;

    /// <summary>The safe default: every check may be named, with an expiry at most 90 days ahead; no <c>*</c>.</summary>
    public static TagExemptionRules Default { get; } = new();

    /// <summary>The checks a resource or user tag may exempt; null for every check; empty for none (tags then never exempt).</summary>
    public IReadOnlyList<string>? AllowedChecks { get; init; }

    /// <summary>Whether a tag exemption needs a <c>compliance:exempt-until</c> date. Default: true.</summary>
    public bool RequireExpiry { get; init; } = true;

    /// <summary>How many days after the scan a tag exemption's expiry may lie. Default: 90.</summary>
    public int MaxDays { get; init; } = DefaultMaxDays;

    /// <summary>Whether a resource or user tag may say <c>*</c> (every check, including checks added later). Default: false.</summary>
    public bool AllowWildcard { get; init; }

    public bool AllowsCheck(string checkId) =>
        AllowedChecks is null || AllowedChecks.Contains(checkId, StringComparer.Ordinal);
}
