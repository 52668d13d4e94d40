using Scanner.Core.Inventory;

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

    /// <summary>
    /// The organization's centralized root access settings, for member accounts' inventories: a member's audit role cannot
    /// read them, so whoever reads the organization (with the management account's credentials) passes them here. The
    /// management account's scan reads them itself. Null: not known, and the member-account side of
    /// iam.root-access-management says nothing.
    /// </summary>
    public RootAccessManagement? RootAccessManagement { get; init; }
}
