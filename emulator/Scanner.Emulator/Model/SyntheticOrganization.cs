namespace Scanner.Emulator.Model;

/// <summary>
/// The organization an emulator serves: the single source of truth for what every read operation answers, and for what
/// a collector reading it must end up with. Generated whole for the scale benchmark (the bench's OrganizationGenerator),
/// or grown by the write operations the demo sends (<see cref="OrganizationStore"/>). Immutable: a write makes a new
/// snapshot, so a request is answered from one consistent state.
/// </summary>
public sealed record SyntheticOrganization
{
    /// <summary>"" while the management account is still a standalone account (before CreateOrganization).</summary>
    public required string OrganizationId { get; init; }
    public required string RootId { get; init; }
    public required string ManagementAccountId { get; init; }

    /// <summary>Every OU, parents before children.</summary>
    public required IReadOnlyList<SyntheticOu> OrganizationalUnits { get; init; }

    /// <summary>Every account, the management account first.</summary>
    public required IReadOnlyList<SyntheticAccount> Accounts { get; init; }

    /// <summary>The organization trail, created in the management account (none until one is created).</summary>
    public SyntheticTrail? Trail { get; init; }

    public string FeatureSet { get; init; } = "ALL";

    /// <summary>Policy types enabled at the root (SERVICE_CONTROL_POLICY once SCPs are enabled).</summary>
    public IReadOnlyList<string> RootPolicyTypes { get; init; } = [];

    /// <summary>Organization policies (SCPs), AWS managed ones (FullAWSAccess) included.</summary>
    public IReadOnlyList<SyntheticPolicy> Policies { get; init; } = [];

    /// <summary>Which policy is attached to which root, OU or account.</summary>
    public IReadOnlyList<SyntheticAttachment> Attachments { get; init; } = [];

    /// <summary>Service principals with trusted access to the organization (EnableAWSServiceAccess).</summary>
    public IReadOnlyList<string> ServiceAccess { get; init; } = [];

    /// <summary>Delegated administrators: which account administers which service for the organization.</summary>
    public IReadOnlyList<SyntheticDelegation> DelegatedAdministrators { get; init; } = [];

    /// <summary>Centralized root access features on (IAM's ListOrganizationsFeatures): RootCredentialsManagement, RootSessions.</summary>
    public IReadOnlyList<string> RootAccessFeatures { get; init; } = [];

    public bool Exists => OrganizationId.Length > 0;

    // Indexes built once per snapshot, keyed by the list they index: a `with` copy that replaces the list rebuilds them.
    private (IReadOnlyList<SyntheticAccount> Source, Dictionary<string, SyntheticAccount> Index)? _byId;
    private (IReadOnlyList<SyntheticAccount> Source, Dictionary<string, List<SyntheticAccount>> Index)? _accountsByParent;
    private (IReadOnlyList<SyntheticOu> Source, Dictionary<string, List<SyntheticOu>> Index)? _ousByParent;

    public SyntheticAccount? Find(string accountId)
    {
        if (_byId is not { } index || !ReferenceEquals(index.Source, Accounts))
        {
            _byId = index = (Accounts, Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal));
        }

        return index.Index.GetValueOrDefault(accountId);
    }

    /// <summary>The accounts directly under a root or OU, in the order they joined.</summary>
    public IReadOnlyList<SyntheticAccount> AccountsUnder(string parentId)
    {
        if (_accountsByParent is not { } index || !ReferenceEquals(index.Source, Accounts))
        {
            _accountsByParent = index = (Accounts, Accounts.GroupBy(a => a.ParentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal));
        }

        return index.Index.GetValueOrDefault(parentId) ?? [];
    }

    /// <summary>The OUs directly under a root or OU, in the order they were created.</summary>
    public IReadOnlyList<SyntheticOu> OrganizationalUnitsUnder(string parentId)
    {
        if (_ousByParent is not { } index || !ReferenceEquals(index.Source, OrganizationalUnits))
        {
            _ousByParent = index = (OrganizationalUnits, OrganizationalUnits.GroupBy(o => o.ParentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal));
        }

        return index.Index.GetValueOrDefault(parentId) ?? [];
    }

    /// <summary>This snapshot with one account replaced by <paramref name="change"/>'s answer.</summary>
    public SyntheticOrganization WithAccount(string accountId, Func<SyntheticAccount, SyntheticAccount> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with { Accounts = [.. Accounts.Select(a => a.Id == accountId ? change(a) : a)] };
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

/// <summary>An organization policy; Type is SERVICE_CONTROL_POLICY for an SCP.</summary>
public sealed record SyntheticPolicy(string Id, string Name, string Description, string Type, string Content, bool AwsManaged)
{
    public const string ServiceControlPolicyType = "SERVICE_CONTROL_POLICY";

    /// <summary>The AWS managed SCP Organizations attaches to the root and to every OU and account when SCPs are enabled.</summary>
    public static SyntheticPolicy FullAwsAccess { get; } = new("p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation", ServiceControlPolicyType,
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", AwsManaged: true);
}

public sealed record SyntheticAttachment(string PolicyId, string TargetId);

public sealed record SyntheticDelegation(string AccountId, string ServicePrincipal, DateTimeOffset DelegatedAt);

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

    /// <summary>The id CreateAccount answered with, for DescribeCreateAccountStatus (null: not created through Organizations).</summary>
    public string? CreateAccountRequestId { get; init; }

    public IReadOnlyList<SyntheticRole> Roles { get; init; } = [];

    /// <summary>S3 buckets the account owns (what CreateTrail checks for).</summary>
    public IReadOnlyList<string> Buckets { get; init; } = [];

    /// <summary>Regions where Security Hub is enabled; elsewhere its APIs answer InvalidAccessException, as AWS does.</summary>
    public IReadOnlyList<string> SecurityHubRegions { get; init; } = [];

    public IReadOnlyList<SyntheticConfigRecorder> ConfigRecorders { get; init; } = [];

    public IReadOnlyList<SyntheticDeliveryChannel> DeliveryChannels { get; init; } = [];

    public IReadOnlyList<SyntheticDetector> Detectors { get; init; } = [];

    public IEnumerable<string> EnabledRegions => AwsRegions.Default.Concat(OptedInRegions).Order(StringComparer.Ordinal);

    /// <summary>The ARN DescribeHub answers with in a Region where Security Hub is enabled.</summary>
    public string SecurityHubArn(string region) => $"arn:aws:securityhub:{region}:{Id}:hub/default";
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

/// <summary>A Lambda function; Role null: the generated organization's {name}-role.</summary>
public sealed record SyntheticFunction(string Name, string Region, string Runtime, DateTimeOffset LastModified, IReadOnlyList<SyntheticTag> Tags, string? Role = null, string Handler = "index.handler", string Description = "");

public sealed record SyntheticRole(string Name, string Path, string RoleId, DateTimeOffset CreatedAt, string AssumeRolePolicyDocument, IReadOnlyList<SyntheticTag> Tags);

/// <summary>An AWS Config configuration recorder in one Region, and whether it is recording.</summary>
public sealed record SyntheticConfigRecorder(string Name, string Region, string RoleArn, bool AllSupported, bool IncludeGlobalResourceTypes, IReadOnlyList<string> ResourceTypes, bool Recording)
{
    /// <summary>What DescribeConfigurationRecorderStatus reports as the last delivery: SUCCESS while recording, nothing before.</summary>
    public string? LastStatus => Recording ? "SUCCESS" : null;
}

public sealed record SyntheticDeliveryChannel(string Name, string Region, string S3BucketName);

/// <summary>A GuardDuty detector in one Region; Status ENABLED or DISABLED.</summary>
public sealed record SyntheticDetector(string Id, string Region, string Status, DateTimeOffset CreatedAt);

public sealed record SyntheticTaggedResource(string Arn, string Region, IReadOnlyList<SyntheticTag> Tags);

/// <summary>A trail of the management account; StartedLoggingAt, when known, is what GetTrailStatus reports.</summary>
public sealed record SyntheticTrail(string Name, string HomeRegion, string S3BucketName, bool IsLogging, bool IsMultiRegionTrail, bool IsOrganizationTrail, bool LogFileValidationEnabled, bool IncludeGlobalServiceEvents = true, DateTimeOffset? StartedLoggingAt = null);
