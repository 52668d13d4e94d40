namespace Scanner.Aws.Collectors;

/// <summary>How hard one account's collection may push: calls in flight per account and regions at once.</summary>
public sealed record CollectionOptions
{
    /// <summary>Regions collected at the same time within one account.</summary>
    public int RegionConcurrency { get; init; } = 4;

    /// <summary>Per-user IAM calls in flight within one account.</summary>
    public int IamConcurrency { get; init; } = 4;

    /// <summary>Only these regions are collected (null: every enabled region).</summary>
    public IReadOnlySet<string>? Regions { get; init; }
}
