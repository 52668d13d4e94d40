namespace Scanner.Core.Policy;

using Scanner.Core.Inventory;

/// <summary>
/// The organization-wide policy: what the scanner requires of every account, how it reaches them, and the
/// overrides and exemptions for particular OUs, accounts and resources. Read with <see cref="PolicyLoader.Parse"/>;
/// command-line and environment values are laid over it with <see cref="WithOverrides"/>.
/// <see cref="For"/> gives the merged <see cref="AccountPolicy"/> that the checks see for one account.
/// </summary>
public sealed record ScanPolicy
{
    public const string DefaultAuditRoleName = "OrganizationComplianceAudit";
    public const string DefaultScannerStackName = "org-compliance-scanner";
    public const int DefaultMaxAccessKeyAgeDays = 90;
    public const int DefaultMaxAccessKeyUnusedDays = 90;
    public const int DefaultExemptionWarningDays = 14;
    public const int DefaultFindingRefreshDays = 7;

    /// <summary>Every default: no approved Regions or required tags (those checks then report nothing), all checks on.</summary>
    public static ScanPolicy Default { get; } = new();

    /// <summary>
    /// Regions where resources may exist and opt-in Regions may be enabled. Default: empty, meaning not configured:
    /// the Region checks report nothing.
    /// </summary>
    public IReadOnlyList<string> ApprovedRegions { get; init; } = [];

    /// <summary>Tag keys every account and resource must carry with a non-empty value. Default: empty (tag checks report nothing).</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>
    /// The resource types (AWS::EC2::Instance) AWS Config must record in every approved Region. Default: empty, meaning
    /// every supported type: a recorder that records only some is then a finding.
    /// </summary>
    public IReadOnlyList<string> ConfigResourceTypes { get; init; } = [];

    /// <summary>The role the scanner assumes in each account. Default: OrganizationComplianceAudit.</summary>
    public string AuditRoleName { get; init; } = DefaultAuditRoleName;

    /// <summary>The external id the audit role's trust policy requires, if any. Default: none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>An active access key older than this many whole days is High. Default: 90.</summary>
    public int MaxAccessKeyAgeDays { get; init; } = DefaultMaxAccessKeyAgeDays;

    /// <summary>An active access key unused (or, never used, created) more than this many days ago is High. Default: 90.</summary>
    public int MaxAccessKeyUnusedDays { get; init; } = DefaultMaxAccessKeyUnusedDays;

    /// <summary>The scanner's own CloudFormation stack name; its resources are not management-account workloads. Default: org-compliance-scanner.</summary>
    public string ScannerStackName { get; init; } = DefaultScannerStackName;

    /// <summary>Baseline names and workload types the policy adds for org.management-account-workload. Default: none.</summary>
    public ManagementAccountPolicy ManagementAccount { get; init; } = new();

    /// <summary>
    /// How many days a finding whose content has not changed goes without being imported into Security Hub again.
    /// Each import is a billed ingestion event; Security Hub deletes findings not updated for 90 days. Default: 7.
    /// </summary>
    public int FindingRefreshDays { get; init; } = DefaultFindingRefreshDays;

    /// <summary>The check ids to run. Default: null, meaning every check in the catalog.</summary>
    public IReadOnlyList<string>? EnabledChecks { get; init; }

    /// <summary>Exemptions declared in the policy. Default: none.</summary>
    public IReadOnlyList<PolicyExemption> Exemptions { get; init; } = [];

    /// <summary>What a resource's or user's own exemption tag may do. Default: <see cref="TagExemptionRules.Default"/>.</summary>
    public TagExemptionRules TagExemptions { get; init; } = TagExemptionRules.Default;

    /// <summary>Exemptions in force that expire within this many days are called out in the scan's summary. Default: 14.</summary>
    public int ExemptionWarningDays { get; init; } = DefaultExemptionWarningDays;

    /// <summary>OU and account overrides, in declaration order. Default: none.</summary>
    public IReadOnlyList<PolicyOverride> Overrides { get; init; } = [];

    public bool IsEnabled(string checkId) =>
        EnabledChecks is null || EnabledChecks.Contains(checkId, StringComparer.Ordinal);

    /// <summary>
    /// The policy in force for one account: the organization-wide values, then the overrides of each OU on the
    /// account's path from the root down (so a deeper OU wins), then the account's own overrides.
    /// </summary>
    public AccountPolicy For(OrganizationAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var policy = new AccountPolicy
        {
            ApprovedRegions = new HashSet<string>(ApprovedRegions, StringComparer.Ordinal),
            RequiredTags = [.. RequiredTags.Distinct(StringComparer.Ordinal)],
            ConfigResourceTypes = [.. ConfigResourceTypes.Distinct(StringComparer.Ordinal)],
            MaxAccessKeyAgeDays = MaxAccessKeyAgeDays,
            MaxAccessKeyUnusedDays = MaxAccessKeyUnusedDays,
            ScannerStackName = ScannerStackName,
            ManagementAccount = ManagementAccount,
        };

        foreach (var ou in account.OuPath)
        {
            foreach (var item in Overrides.Where(o => o.Matches(ou)))
            {
                policy = item.ApplyTo(policy);
            }
        }

        foreach (var item in Overrides.Where(o => o.Matches(account)))
        {
            policy = item.ApplyTo(policy);
        }

        return policy;
    }

    /// <summary>
    /// This policy with command-line or environment values in place of the organization-wide ones (they win over
    /// the file). OU and account overrides from the file still apply on top, since they describe exceptions to
    /// whatever the organization-wide value is. Every value is validated as the file's would be; all problems are
    /// reported together in one <see cref="PolicyException"/>.
    /// </summary>
    /// <param name="settings">The values given; null members keep the file's values.</param>
    /// <param name="sourceName">Where they came from, for messages: "command line", "environment".</param>
    public ScanPolicy WithOverrides(PolicySettings settings, string sourceName = "command line or environment")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<PolicyError>();
        Validate(settings.ApprovedRegions, "approvedRegions", PolicyValidation.RegionProblem, errors);
        Validate(settings.RequiredTags, "requiredTags", PolicyValidation.TagKeyProblem, errors);
        Validate(settings.EnabledChecks, "checks", PolicyValidation.CheckIdProblem, errors);
        Validate(settings.AuditRoleName, "auditRoleName", PolicyValidation.RoleNameProblem, errors);
        Validate(settings.ExternalId, "externalId", PolicyValidation.ExternalIdProblem, errors);
        Validate(settings.ScannerStackName, "scannerStackName", PolicyValidation.StackNameProblem, errors);
        if (settings.MaxAccessKeyAgeDays is { } age && PolicyValidation.DaysProblem(age) is { } ageProblem)
        {
            errors.Add(new PolicyError("maxAccessKeyAgeDays", ageProblem));
        }

        if (settings.MaxAccessKeyUnusedDays is { } unused && PolicyValidation.DaysProblem(unused) is { } unusedProblem)
        {
            errors.Add(new PolicyError("maxAccessKeyUnusedDays", unusedProblem));
        }

        if (settings.EnabledChecks is { Count: 0 })
        {
            errors.Add(new PolicyError("checks", "lists no checks; leave it out to run every check"));
        }

        if (errors.Count > 0)
        {
            throw new PolicyException(sourceName, errors);
        }

        return this with
        {
            ApprovedRegions = settings.ApprovedRegions is { } regions ? [.. regions.Distinct(StringComparer.Ordinal)] : ApprovedRegions,
            RequiredTags = settings.RequiredTags is { } tags ? [.. tags.Distinct(StringComparer.Ordinal)] : RequiredTags,
            EnabledChecks = settings.EnabledChecks is { } checks ? [.. checks.Distinct(StringComparer.Ordinal)] : EnabledChecks,
            AuditRoleName = settings.AuditRoleName ?? AuditRoleName,
            ExternalId = settings.ExternalId ?? ExternalId,
            ScannerStackName = settings.ScannerStackName ?? ScannerStackName,
            MaxAccessKeyAgeDays = settings.MaxAccessKeyAgeDays ?? MaxAccessKeyAgeDays,
            MaxAccessKeyUnusedDays = settings.MaxAccessKeyUnusedDays ?? MaxAccessKeyUnusedDays,
        };
    }

    private static void Validate(IReadOnlyList<string>? values, string field, Func<string, string?> problemOf, List<PolicyError> errors)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (problemOf(values[i]) is { } problem)
            {
                errors.Add(new PolicyError($"{field}[{i}]", problem));
            }
        }
    }

    private static void Validate(string? value, string field, Func<string, string?> problemOf, List<PolicyError> errors)
    {
        if (value is not null && problemOf(value) is { } problem)
        {
            errors.Add(new PolicyError(field, problem));
        }
    }
}
