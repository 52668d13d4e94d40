namespace Scanner.Bench.Server.Model;

/// <summary>
/// The organization the bench server serves: the single source of truth for what every read operation answers,
/// and for what a collector reading it must end up with. Built by <see cref="OrganizationGenerator"/>.
/// </summary>
public sealed record SyntheticOrganization
{
    public required string OrganizationId { get; init; }
    public required string RootId { get; init; }
    public required string ManagementAccountId { get; init; }

    /// <summary>Every OU, parents before children.</summary>
    public required IReadOnlyList<SyntheticOu> OrganizationalUnits { get; init; }

    /// <summary>Every account, the management account first.</summary>
    public required IReadOnlyList<SyntheticAccount> Accounts { get; init; }

    /// <summary>The organization trail, created in the management account.</summary>
    public required SyntheticTrail Trail { get; init; }

    private Dictionary<string, SyntheticAccount>? _byId;

    public SyntheticAccount? Find(string accountId)
    {
        _byId ??= Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return _byId.GetValueOrDefault(accountId);
    }

    public SyntheticAccount Management => Find(ManagementAccountId)!;

    public string OrganizationArn => $"arn:aws:organizations::{ManagementAccountId}:organization/{OrganizationId}";

    /// <summary>The OUs from the root down to <paramref name="parentId"/> (root excluded), as Organizations would walk them.</summary>
    public IReadOnlyList<SyntheticOu> PathTo(string parentId)
    {
        var path = new List<SyntheticOu>();
        var current = OrganizationalUnits.FirstOrDefault(o => o.Id == parentId);
        while (current is not null)
        {
            path.Insert(0, current);
            current = OrganizationalUnits.FirstOrDefault(o => o.Id == current.ParentId);
        }

        return path;
    }
}

public sealed record SyntheticOu(string Id, string Name, string ParentId);

public sealed record SyntheticTag(string Key, string Value);

public sealed record SyntheticAccount
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }

    /// <summary>The root or OU the account sits in.</summary>
    public required string ParentId { get; init; }

    public string Status { get; init; } = "ACTIVE";
    public required DateTimeOffset JoinedAt { get; init; }
    public required IReadOnlyList<SyntheticTag> Tags { get; init; }
    public required IReadOnlyList<SyntheticUser> Users { get; init; }

    /// <summary>Opt-in regions this account has opted into (the default regions are always enabled).</summary>
    public required IReadOnlyList<string> OptedInRegions { get; init; }

    public required IReadOnlyList<SyntheticInstance> Instances { get; init; }
    public required IReadOnlyList<SyntheticFunction> Functions { get; init; }

    /// <summary>Resources only the tagging API lists (tables, buckets).</summary>
    public required IReadOnlyList<SyntheticTaggedResource> TaggedOnly { get; init; }

    /// <summary>When the account's IAM credential report was generated; users created later are not in it.</summary>
    public required DateTimeOffset CredentialReportAt { get; init; }

    /// <summary>The root user's row of the credential report.</summary>
    public required SyntheticRoot Root { get; init; }

    public IEnumerable<string> EnabledRegions => AwsRegions.Default.Concat(OptedInRegions).Order(StringComparer.Ordinal);
}

public sealed record SyntheticRoot(DateTimeOffset CreatedAt, bool MfaActive, DateTimeOffset? PasswordLastUsed);

public sealed record SyntheticUser
{
    public required string Name { get; init; }
    public required string UserId { get; init; }
    public string Path { get; init; } = "/";
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }
    public bool HasConsolePassword { get; init; }

    /// <summary>Serial number (ARN) of the user's MFA device, if any.</summary>
    public string? MfaSerial { get; init; }

    public required IReadOnlyList<SyntheticKey> Keys { get; init; }
    public required IReadOnlyList<SyntheticTag> Tags { get; init; }
}

public sealed record SyntheticKey(string Id, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string? LastUsedService, string? LastUsedRegion);

public sealed record SyntheticInstance(string Id, string Region, string InstanceType, string State, DateTimeOffset LaunchedAt, IReadOnlyList<SyntheticTag> Tags);

public sealed record SyntheticFunction(string Name, string Region, string Runtime, DateTimeOffset LastModified, IReadOnlyList<SyntheticTag> Tags);

public sealed record SyntheticTaggedResource(string Arn, string Region, IReadOnlyList<SyntheticTag> Tags);

public sealed record SyntheticTrail(string Name, string HomeRegion, string S3BucketName, bool IsLogging, bool IsMultiRegionTrail, bool IsOrganizationTrail, bool LogFileValidationEnabled);
