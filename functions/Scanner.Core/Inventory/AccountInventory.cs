namespace Scanner.Core.Inventory;

/// <summary>
/// Everything the checks need to know about one account, collected once per scan.
/// Immutable: collectors build it, checks only read it, so every check sees the same snapshot.
/// </summary>
public sealed record AccountInventory
{
    public required OrganizationAccount Account { get; init; }

    /// <summary>aws, aws-cn or aws-us-gov: needed to build ARNs the checks report.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>The region the account was scanned from; global services (IAM, Organizations) report here.</summary>
    public required string HomeRegion { get; init; }

    /// <summary>When collection finished; exemption expiry and key age are measured against it.</summary>
    public required DateTimeOffset CollectedAt { get; init; }

    public IReadOnlyList<IamUser> IamUsers { get; init; } = [];

    /// <summary>The root user's row of the credential report; null when the report could not be read.</summary>
    public RootUser? Root { get; init; }

    /// <summary>
    /// The organization's centralized root access settings; null when not known to this scan. The management account's
    /// scan reads them itself; a member account's scan knows them only when the organization read hands them over
    /// (CollectionOptions.RootAccessManagement), because a member's audit role cannot read them.
    /// </summary>
    public RootAccessManagement? RootAccessManagement { get; init; }

    /// <summary>Trails visible in this account, shadow (organization) trails included, with their status.</summary>
    public IReadOnlyList<Trail> Trails { get; init; } = [];

    /// <summary>Regions enabled for this account (opt-in regions only when opted in).</summary>
    public IReadOnlyList<EnabledRegion> EnabledRegions { get; init; } = [];

    /// <summary>Resources found in the account's enabled regions: compute, data, and whatever the tagging API lists.</summary>
    public IReadOnlyList<CloudResource> Resources { get; init; } = [];

    /// <summary>AWS Config in each Region collected; a Region whose Config could not be read is absent (and a gap).</summary>
    public IReadOnlyList<ConfigRegion> Config { get; init; } = [];

    /// <summary>Security Hub in each Region collected; a Region whose hub could not be read is absent (and a gap).</summary>
    public IReadOnlyList<SecurityHubRegion> SecurityHub { get; init; } = [];

    /// <summary>GuardDuty in each Region collected; a Region whose detectors could not be read is absent (and a gap).</summary>
    public IReadOnlyList<GuardDutyRegion> GuardDuty { get; init; } = [];

    /// <summary>What could not be collected. Findings that depend on it are neither raised nor resolved.</summary>
    public IReadOnlyList<CollectionGap> Gaps { get; init; } = [];
}
