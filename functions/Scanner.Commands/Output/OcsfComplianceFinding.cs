namespace Scanner.Commands.Output;

/// <summary>
/// An OCSF 1.6 Compliance Finding (class 2003, category Findings), with the `cloud` profile: the attributes this
/// scanner fills, named as the schema names them (snake_case on the wire). Null attributes are left out.
/// </summary>
public sealed record OcsfComplianceFinding
{
    public required int ActivityId { get; init; }
    public required string ActivityName { get; init; }
    public required int CategoryUid { get; init; }
    public required string CategoryName { get; init; }
    public required int ClassUid { get; init; }
    public required string ClassName { get; init; }

    /// <summary>class_uid * 100 + activity_id.</summary>
    public required long TypeUid { get; init; }
    public required string TypeName { get; init; }
    public required int SeverityId { get; init; }
    public required string Severity { get; init; }
    public required int StatusId { get; init; }
    public required string Status { get; init; }
    public string? StatusDetail { get; init; }

    /// <summary>When the scan observed the result, in milliseconds since the epoch.</summary>
    public required long Time { get; init; }
    public required string Message { get; init; }
    public required OcsfMetadata Metadata { get; init; }
    public required OcsfCloud Cloud { get; init; }
    public required OcsfCompliance Compliance { get; init; }
    public required OcsfFindingInfo FindingInfo { get; init; }
    public required IReadOnlyList<OcsfResource> Resources { get; init; }
    public required OcsfRemediation Remediation { get; init; }
}

public sealed record OcsfMetadata(string Version, IReadOnlyList<string> Profiles, OcsfProduct Product);

public sealed record OcsfProduct(string Name, string Version);

/// <summary>Where the result is: the account (and its place in the organization) and the Region.</summary>
public sealed record OcsfCloud(string Provider, string Region, OcsfAccount Account, OcsfOrganization Org);

/// <summary>type_id 10 is "AWS Account".</summary>
public sealed record OcsfAccount(string Uid, string? Name, int TypeId, string Type);

/// <summary>The organization, and the OU the account sits in directly (null at the root).</summary>
public sealed record OcsfOrganization(string Uid, string? OuUid, string? OuName);

/// <summary>
/// The control this result verdicts: the check id, with the benchmark controls it corresponds to as requirements
/// and their benchmarks as standards.
/// </summary>
public sealed record OcsfCompliance
{
    public required string Control { get; init; }
    public IReadOnlyList<string>? Standards { get; init; }
    public IReadOnlyList<string>? Requirements { get; init; }
    public required int StatusId { get; init; }
    public required string Status { get; init; }
    public string? StatusDetail { get; init; }
}

public sealed record OcsfFindingInfo
{
    /// <summary>The same id as the Security Hub finding, so the two can be joined.</summary>
    public required string Uid { get; init; }
    public required string Title { get; init; }
    public required string Desc { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public required OcsfAnalytic Analytic { get; init; }
}

/// <summary>The check that produced the finding, as an OCSF analytic of type Rule (type_id 1).</summary>
public sealed record OcsfAnalytic(string Uid, string Name, int TypeId, string Type);

/// <summary>The subject of the result: role_id 1 is "Target". Data holds the result's extra facts (key age, last use).</summary>
public sealed record OcsfResource
{
    public required string Uid { get; init; }
    public required string Type { get; init; }
    public required string Region { get; init; }
    public required int RoleId { get; init; }
    public required string Role { get; init; }
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}

public sealed record OcsfRemediation(string Desc, IReadOnlyList<string>? References);
