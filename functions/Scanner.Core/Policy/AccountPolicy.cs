namespace Scanner.Core.Policy;

/// <summary>The policy in force for one account, after the organization-wide settings and the OU and account overrides are merged.</summary>
public sealed record AccountPolicy
{
    /// <summary>Regions where resources may exist and which may be enabled.</summary>
    public IReadOnlySet<string> ApprovedRegions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Tag keys every account and every resource must carry, with a non-empty value.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>An active access key older than this ranks higher.</summary>
    public int MaxAccessKeyAgeDays { get; init; } = 90;

    /// <summary>An active access key unused for longer than this ranks higher.</summary>
    public int MaxAccessKeyUnusedDays { get; init; } = 90;
}
