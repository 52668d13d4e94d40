using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Bench.Server.Model;

/// <summary>
/// What the scanner's collectors must read from the synthetic organization, in the domain's own records: the
/// account as Organizations describes it, its IAM users (with the collector's rule that keys are listed only for
/// users the credential report shows with an active key, or users too new for the report), the root user, the
/// trails, the enabled regions and the resources with their tags; its guardrails (the SCPs on its path, the delegated
/// administrators for the management account, the organization's root access settings) and its security baseline
/// (Config and Security Hub where the policy requires them, GuardDuty in every enabled Region). Tests and the bench
/// compare collections with it.
/// </summary>
public static class ExpectedInventory
{
    public static OrganizationAccount Account(SyntheticOrganization organization, SyntheticAccount account) => new()
    {
        Id = account.Id,
        Name = account.Name,
        Email = account.Email,
        Status = account.Status,
        IsManagementAccount = account.Id == organization.ManagementAccountId,
        OuPath = [.. organization.PathTo(account.ParentId).Select(o => new OrganizationalUnit(o.Id, o.Name))],
        Tags = Tags(account.Tags),
        Guardrails = Guardrails(organization, account),
    };

    /// <summary>
    /// The whole inventory a scan of the account at <paramref name="collectedAt"/> must collect, in its home Region, under
    /// <paramref name="policy"/> (which decides where Config and Security Hub are read).
    /// </summary>
    public static AccountInventory Of(SyntheticOrganization organization, SyntheticAccount account, DateTimeOffset collectedAt, ScanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var described = Account(organization, account);
        var required = SecurityBaselineRegions.Required(account.EnabledRegions, policy.For(described));
        return new()
        {
            Account = described,
            HomeRegion = AwsRegions.Home,
            CollectedAt = collectedAt,
            IamUsers = Users(account),
            Root = Root(account),
            RootAccessManagement = described.Guardrails?.RootAccessManagement,
            Trails = Trails(organization, account),
            EnabledRegions = Regions(account),
            Resources = Resources(account),
            Config = Config(account, required),
            SecurityHub = SecurityHub(account, required),
            GuardDuty = GuardDuty(account),
        };
    }

    /// <summary>What the organization read hands the account: the SCPs from the root down to it, and the rest.</summary>
    public static OrganizationGuardrails Guardrails(SyntheticOrganization organization, SyntheticAccount account)
    {
        var management = account.Id == organization.ManagementAccountId;
        var enabled = organization.RootPolicyTypes.Contains(SyntheticPolicy.ServiceControlPolicyType);
        List<PolicyTarget> path =
        [
            new(organization.RootId, "Root", PolicyTargetKind.Root, Attached(organization, organization.RootId, enabled)),
            .. organization.PathTo(account.ParentId).Select(ou => new PolicyTarget(ou.Id, ou.Name, PolicyTargetKind.OrganizationalUnit, Attached(organization, ou.Id, enabled))),
            new(account.Id, account.Name, PolicyTargetKind.Account, Attached(organization, account.Id, enabled)),
        ];
        return new OrganizationGuardrails
        {
            ServiceControlPoliciesEnabled = enabled,
            PolicyPath = path,
            DelegatedAdministrators = management
                ? [.. organization.DelegatedAdministrators.GroupBy(d => d.AccountId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new DelegatedAdministrator(g.Key, organization.Find(g.Key)?.Name ?? "", [.. g.Select(d => d.ServicePrincipal).Order(StringComparer.Ordinal)]))]
                : null,
            RootAccessManagement = new RootAccessManagement(
                organization.RootAccessFeatures.Contains("RootCredentialsManagement"), organization.RootAccessFeatures.Contains("RootSessions")),
        };
    }

    private static IReadOnlyList<ServiceControlPolicy> Attached(SyntheticOrganization organization, string targetId, bool enabled) => enabled
        ? [.. organization.Attachments.Where(a => a.TargetId == targetId)
            .Select(a => organization.Policies.First(p => p.Id == a.PolicyId))
            .Where(p => p.Type == SyntheticPolicy.ServiceControlPolicyType)
            .Select(p => new ServiceControlPolicy(p.Id, p.Name, p.Content, p.AwsManaged))]
        : [];

    public static IReadOnlyList<ConfigRegion> Config(SyntheticAccount account, IReadOnlyList<string> regions)
        => [.. regions.Select(r => new ConfigRegion(r,
            [.. account.ConfigRecorders.Where(c => c.Region == r).Select(c => new ConfigRecorder
            {
                Name = c.Name,
                RecordsAllSupported = c.AllSupported,
                ResourceTypes = c.ResourceTypes,
                Recording = c.Recording,
                LastStatus = c.LastStatus,
            })],
            [.. account.DeliveryChannels.Where(c => c.Region == r).Select(c => c.Name)]))];

    public static IReadOnlyList<SecurityHubRegion> SecurityHub(SyntheticAccount account, IReadOnlyList<string> regions)
        => [.. regions.Select(r => account.SecurityHubRegions.Contains(r)
            ? new SecurityHubRegion(r, true, account.SecurityHubArn(r))
            : new SecurityHubRegion(r, false, null))];

    public static IReadOnlyList<GuardDutyRegion> GuardDuty(SyntheticAccount account)
        => [.. account.EnabledRegions.Select(r => new GuardDutyRegion(r, [.. account.Detectors.Where(d => d.Region == r).Select(d => new GuardDutyDetector(d.Id, d.Status))]))];

    public static IReadOnlyList<IamUser> Users(SyntheticAccount account) => [.. account.Users.Select(u => User(account, u))];

    private static IamUser User(SyntheticAccount account, SyntheticUser user)
    {
        var inReport = user.CreatedAt <= account.CredentialReportAt;
        var keys = inReport
            ? user.Keys.Any(k => k.Active) ? user.Keys.OrderBy(k => k.CreatedAt).Select(k => Key(user, k, k.LastUsedAt is not null)).ToList() : []
            : user.Keys.Select(k => Key(user, k, k.Active)).ToList();
        return new IamUser
        {
            UserName = user.Name,
            Arn = $"arn:aws:iam::{account.Id}:user{user.Path}{user.Name}",
            UserId = user.UserId,
            CreatedAt = user.CreatedAt,
            HasConsolePassword = user.HasConsolePassword,
            PasswordLastUsed = user.PasswordLastUsed,
            MfaActive = user.MfaSerial is not null,
            AccessKeys = keys,
            Tags = Tags(user.Tags),
        };
    }

    private static AccessKey Key(SyntheticUser user, SyntheticKey key, bool withLastUse) => new()
    {
        AccessKeyId = key.Id,
        UserName = user.Name,
        IsActive = key.Active,
        CreatedAt = key.CreatedAt,
        LastUsedAt = withLastUse ? key.LastUsedAt : null,
        LastUsedService = withLastUse ? key.LastUsedService : null,
        LastUsedRegion = withLastUse ? key.LastUsedRegion : null,
    };

    public static RootUser Root(SyntheticAccount account) => new()
    {
        Arn = $"arn:aws:iam::{account.Id}:root",
        MfaActive = account.Root.MfaActive,
        PasswordLastUsed = account.Root.PasswordLastUsed,
    };

    public static IReadOnlyList<Trail> Trails(SyntheticOrganization organization, SyntheticAccount account)
    {
        if (account.Id != organization.ManagementAccountId)
        {
            return [];
        }

        if (organization.Trail is not { } trail)
        {
            return [];
        }

        return
        [
            new Trail
            {
                Name = trail.Name,
                Arn = $"arn:aws:cloudtrail:{trail.HomeRegion}:{organization.ManagementAccountId}:trail/{trail.Name}",
                HomeRegion = trail.HomeRegion,
                IsOrganizationTrail = trail.IsOrganizationTrail,
                IsMultiRegionTrail = trail.IsMultiRegionTrail,
                LogFileValidationEnabled = trail.LogFileValidationEnabled,
                IncludeGlobalServiceEvents = true,
                S3BucketName = trail.S3BucketName,
                IsLogging = trail.IsLogging,
            },
        ];
    }

    public static IReadOnlyList<EnabledRegion> Regions(SyntheticAccount account)
        => [.. account.EnabledRegions.Select(r => new EnabledRegion(r, account.OptedInRegions.Contains(r) ? "opted-in" : "opt-in-not-required"))];

    /// <summary>
    /// Live instances and functions as their own services describe them (tags from the tagging API when they have none
    /// of their own), and what only the tagging API lists; region by region (in name order), by ARN within a region.
    /// </summary>
    public static IReadOnlyList<CloudResource> Resources(SyntheticAccount account)
    {
        var resources = new List<CloudResource>();
        foreach (var instance in account.Instances.Where(i => i.State != "terminated"))
        {
            resources.Add(new CloudResource
            {
                Arn = $"arn:aws:ec2:{instance.Region}:{account.Id}:instance/{instance.Id}",
                Region = instance.Region,
                Source = "ec2",
                Tags = Tags(instance.Tags),
                Details = new Ec2InstanceDetails
                {
                    InstanceType = instance.InstanceType,
                    State = instance.State,
                    LaunchedAt = instance.LaunchedAt.ToUniversalTime(),
                    ImageId = "ami-0abcdef1234567890",
                    VpcId = "vpc-0123456789abcdef0",
                    SubnetId = "subnet-0123456789abcdef0",
                    PrivateIpAddresses = ["10.0.0." + (instance.State == "running" ? "16" : instance.State == "stopped" ? "80" : "0")],
                },
            });
        }

        foreach (var function in account.Functions)
        {
            resources.Add(new CloudResource
            {
                Arn = $"arn:aws:lambda:{function.Region}:{account.Id}:function:{function.Name}",
                Region = function.Region,
                Source = "lambda",
                Tags = Tags(function.Tags),
                Details = new LambdaFunctionDetails
                {
                    FunctionName = function.Name,
                    Runtime = function.Runtime,
                    Role = $"arn:aws:iam::{account.Id}:role/{function.Name}-role",
                    Handler = "index.handler",
                    LastModified = WireText.LambdaTime(function.LastModified),
                    MemorySize = 256,
                    Timeout = 30,
                    Version = "$LATEST",
                    PackageType = "Zip",
                    Architectures = ["x86_64"],
                },
            });
        }

        foreach (var other in account.TaggedOnly)
        {
            resources.Add(new CloudResource { Arn = other.Arn, Region = other.Region, Source = "tagging", Tags = Tags(other.Tags) });
        }

        return [.. resources.OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Arn, StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Tags(IEnumerable<SyntheticTag> tags) => tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
