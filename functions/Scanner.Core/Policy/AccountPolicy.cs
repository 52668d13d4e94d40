namespace Scanner.Core.Policy;

/// <summary>The policy in force for one account, after the organization-wide settings and the OU and account overrides are merged.</summary>
public sealed record AccountPolicy
{
    /// <summary>Regions where resources may exist and which may be enabled.</summary>
    public IReadOnlySet<string> ApprovedRegions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Tag keys every account and every resource must carry, with a non-empty value.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>Resource types AWS Config must record; empty: every supported type.</summary>
    public IReadOnlyList<string> ConfigResourceTypes { get; init; } = [];

    /// <summary>An active access key older than this ranks higher.</summary>
    public int MaxAccessKeyAgeDays { get; init; } = 90;

    /// <summary>An active access key unused for longer than this ranks higher.</summary>
    public int MaxAccessKeyUnusedDays { get; init; } = 90;

    /// <summary>
    /// The CloudFormation stack name of the scanner itself: resources tagged aws:cloudformation:stack-name with
    /// this value are the scanner's own and are not workloads in the management account.
    /// </summary>
    public string ScannerStackName { get; init; } = "org-compliance-scanner";

    /// <summary>What the policy adds to the management account's baseline and workload rules.</summary>
    public ManagementAccountPolicy ManagementAccount { get; init; } = new();
}
