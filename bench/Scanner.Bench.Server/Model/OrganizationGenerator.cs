using System.Globalization;
using Scanner.Emulator.Model;

namespace Scanner.Bench.Server.Model;

/// <summary>
/// Builds a synthetic organization of any size with a realistic mix per account: a handful of IAM users (people with
/// console passwords, some with MFA; service users with keys, some rotated; a break-glass user with an exemption tag;
/// now and then a user created after the credential report), 17 enabled regions (one account in ten also opted into
/// eu-south-1), instances and functions in two or three of them, tags present or missing. Deterministic: account i is
/// the same for any size and seed-for-seed.
/// The governance baseline is what a real organization has, with the gaps real ones have: guardrail SCPs at the root
/// (no leaving, no IAM users, CloudTrail protected) and a Region-deny SCP on every OU but Sandbox; Security Hub,
/// GuardDuty, Config and CloudTrail delegated to the first Security account; Config recording and GuardDuty enabled in
/// every enabled Region and Security Hub on, except now and then (a stopped recorder, a missing or suspended
/// detector, a Region without Security Hub).
/// </summary>
public static class OrganizationGenerator
{
    /// <summary>Every timestamp is relative to this instant; credential reports were generated at it.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string ManagementAccountId = "100000000000";
    public const string OrganizationId = "o-benchorg001";
    public const string RootId = "r-bnch";

    private static readonly SyntheticOu Security = new("ou-bnch-00000001", "Security", RootId);
    private static readonly SyntheticOu Workloads = new("ou-bnch-00000002", "Workloads", RootId);
    private static readonly SyntheticOu Production = new("ou-bnch-00000003", "Production", Workloads.Id);
    private static readonly SyntheticOu Development = new("ou-bnch-00000004", "Development", Workloads.Id);
    private static readonly SyntheticOu Sandbox = new("ou-bnch-00000005", "Sandbox", RootId);

    /// <summary>The Regions the organization approves: its Region-deny SCP allows these, and the bench's policy approves them.</summary>
    public static readonly IReadOnlyList<string> ApprovedRegions = ["us-east-1", "eu-west-1", "eu-central-1"];

    /// <summary>The security services delegated to the first Security account, as Organizations lists them.</summary>
    private static readonly string[] DelegatedServices =
        ["cloudtrail.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"];

    private static readonly SyntheticPolicy RootGuardrails = Scp("p-bnchroot01", "root-guardrails", "No leaving the organization; no IAM users or keys but through the break-glass role.",
        """{"Version":"2012-10-17","Statement":[{"Sid":"NoLeavingTheOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"},{"Sid":"NoIamUsers","Effect":"Deny","Action":["iam:CreateUser","iam:CreateLoginProfile","iam:CreateAccessKey"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/breakglass-admin"]}}}]}""");

    private static readonly SyntheticPolicy CloudTrailProtection = Scp("p-bnchtrail1", "cloudtrail-protection", "Nobody but the trail administrators may stop, delete or change a trail.",
        """{"Version":"2012-10-17","Statement":[{"Sid":"ProtectCloudTrail","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/org-trail-admin"}}}]}""");

    private static readonly SyntheticPolicy RegionGuard = Scp("p-bnchregion", "approved-regions-only", "Denies every action outside the approved Regions.",
        """{"Version":"2012-10-17","Statement":[{"Sid":"DenyUnapprovedRegions","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":[REGIONS]}}}]}"""
            .Replace("REGIONS", string.Join(",", ApprovedRegions.Select(r => "\"" + r + "\"")), StringComparison.Ordinal));

    private static readonly string[] ResourceRegionPool = ["eu-west-1", "eu-central-1", "us-west-2", "ap-southeast-2", "us-east-2"];
    private static readonly string[] InstanceTypes = ["t3.micro", "t3.medium", "m5.large", "c6g.large"];
    private static readonly string[] Runtimes = ["python3.12", "nodejs20.x", "java21", "provided.al2023", "dotnet8"];
    private static readonly string[] KeyServices = ["s3", "ec2", "sts", "iam", "lambda", "dynamodb"];
    private static readonly string[] Functions = ["api-handler", "nightly-report", "event-router", "image-resize", "audit-export"];

    public static SyntheticOrganization Generate(int accounts, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        var list = new List<SyntheticAccount>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            list.Add(Account(i, Dice.For(seed, i)));
        }

        SyntheticOu[] units = [Security, Workloads, Production, Development, Sandbox];
        return new SyntheticOrganization
        {
            OrganizationId = OrganizationId,
            RootId = RootId,
            ManagementAccountId = ManagementAccountId,
            OrganizationalUnits = units,
            Accounts = list,
            RootPolicyTypes = [SyntheticPolicy.ServiceControlPolicyType],
            Policies = [SyntheticPolicy.FullAwsAccess, RootGuardrails, CloudTrailProtection, RegionGuard],
            Attachments =
            [
                .. new[] { SyntheticPolicy.FullAwsAccess, RootGuardrails, CloudTrailProtection }.Select(p => new SyntheticAttachment(p.Id, RootId)),
                .. units.Select(ou => new SyntheticAttachment(SyntheticPolicy.FullAwsAccess.Id, ou.Id)),
                .. units.Where(ou => ou != Sandbox).Select(ou => new SyntheticAttachment(RegionGuard.Id, ou.Id)),
                .. list.Select(a => new SyntheticAttachment(SyntheticPolicy.FullAwsAccess.Id, a.Id)),
            ],
            DelegatedAdministrators = accounts > 1 ? [.. DelegatedServices.Select(s => new SyntheticDelegation(AccountId(1), s, Epoch.AddDays(-900)))] : [],
            Trail = new SyntheticTrail("org-trail", AwsRegions.Home, $"org-trail-logs-{ManagementAccountId}", IsLogging: true,
                IsMultiRegionTrail: true, IsOrganizationTrail: true, LogFileValidationEnabled: true, StartedLoggingAt: Epoch.AddDays(-400)),

            // Centralized root access management is on, which IAM answers only with trusted access enabled.
            ServiceAccess = ["iam.amazonaws.com", .. DelegatedServices],
            RootAccessFeatures = ["RootCredentialsManagement", "RootSessions"],
        };
    }

    public static string AccountId(int index) => (100_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    private static SyntheticAccount Account(int i, Dice dice)
    {
        var id = AccountId(i);
        var parent = i == 0 ? RootId : (i % 10) switch
        {
            0 => RootId,
            1 => Security.Id,
            2 or 3 or 4 => Production.Id,
            5 or 6 or 7 => Development.Id,
            _ => Sandbox.Id,
        };
        var optedIn = i % 10 == 4 ? new[] { "eu-south-1" } : [];
        var (instances, functions, taggedOnly) = Resources(id, dice, optedIn);
        return new SyntheticAccount
        {
            Id = id,
            Name = i == 0 ? "management" : $"acct-{i:0000}",
            Email = i == 0 ? "aws-management@example.com" : $"aws+acct-{i:0000}@example.com",
            ParentId = parent,
            JoinedAt = Epoch.AddDays(-1000 + i % 700),
            Tags = AccountTags(i, parent),
            Users = Users(id, i, dice),
            OptedInRegions = optedIn,
            Instances = instances,
            Functions = functions,
            TaggedOnly = taggedOnly,
            SecurityHubRegions = [.. AwsRegions.Default.Concat(optedIn).Where(r => !(i % 35 == 11 && r == "eu-central-1"))],
            ConfigRecorders = [.. Enabled(optedIn).Select(r => new SyntheticConfigRecorder("default", r, $"arn:aws:iam::{id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                AllSupported: true, IncludeGlobalResourceTypes: r == AwsRegions.Home, ResourceTypes: [], Recording: !(i % 25 == 9 && r == "eu-west-1")))],
            DeliveryChannels = [.. Enabled(optedIn).Select(r => new SyntheticDeliveryChannel("default", r, $"config-bucket-{ManagementAccountId}"))],
            Detectors = [.. Enabled(optedIn).Where(r => !(i % 30 == 8 && r == "ap-southeast-2")).Select(r => new SyntheticDetector(
                DetectorId(id, r), r, i % 50 == 6 && r == "us-west-2" ? "DISABLED" : "ENABLED", Epoch.AddDays(-700)))],
            CredentialReportAt = Epoch,
            Root = new SyntheticRoot(Epoch.AddDays(-1500), MfaActive: dice.Chance(0.9), PasswordLastUsed: dice.Chance(0.3) ? Epoch.AddDays(-dice.Between(1, 300)) : null),
        };
    }

    private static IEnumerable<string> Enabled(string[] optedIn) => AwsRegions.Default.Concat(optedIn).Order(StringComparer.Ordinal);

    /// <summary>32 hex digits like GuardDuty's, from the account and Region (not from the dice, so the rest of the account is unchanged).</summary>
    private static string DetectorId(string accountId, string region)
        => (accountId + AllRegions.IndexOf(region).ToString("x4", CultureInfo.InvariantCulture)).PadLeft(32, 'd');

    private static readonly List<string> AllRegions = [.. AwsRegions.Default, .. AwsRegions.OptIn];

    private static SyntheticPolicy Scp(string id, string name, string description, string content)
        => new(id, name, description, SyntheticPolicy.ServiceControlPolicyType, content, AwsManaged: false);

    private static List<SyntheticTag> AccountTags(int i, string parent)
    {
        if (i % 11 == 5)
        {
            return [];
        }

        var tags = new List<SyntheticTag> { new("owner", $"team-{i % 13:00}") };
        if (i % 7 != 3)
        {
            tags.Add(new SyntheticTag("cost-center", $"cc-{1000 + i % 17}"));
        }

        if (parent == Production.Id || parent == Development.Id)
        {
            tags.Add(new SyntheticTag("environment", parent == Production.Id ? "production" : "development"));
        }

        return tags;
    }

    private enum Kind
    {
        Admin,
        Developer,
        Deploy,
        Service,
        BreakGlass,
        Legacy,
    }

    private static readonly Kind[] OtherKinds = [Kind.Developer, Kind.Developer, Kind.Deploy, Kind.Service, Kind.Service, Kind.BreakGlass, Kind.Legacy];

    private static List<SyntheticUser> Users(string accountId, int i, Dice dice)
    {
        var count = dice.Between(2, 6);
        var users = new List<SyntheticUser>(count + 1);
        for (var j = 0; j < count; j++)
        {
            var kind = j == 0 ? Kind.Admin : dice.Pick(OtherKinds);
            users.Add(User(accountId, $"{Name(kind)}-{j}", kind, Epoch.AddDays(-dice.Between(30, 1200)), dice));
        }

        if (i % 10 == 7)
        {
            // Created after the credential report: the collector must ask for its password, MFA and key use one by one.
            users.Add(User(accountId, "new-hire", Kind.Developer, Epoch.AddHours(6), dice) with { Keys = [Key(Epoch.AddHours(7), true, dice)] });
        }

        return users;
    }

    private static string Name(Kind kind) => kind switch
    {
        Kind.Admin => "admin",
        Kind.Developer => "dev",
        Kind.Deploy => "ci-deploy",
        Kind.Service => "svc-backup",
        Kind.BreakGlass => "breakglass",
        _ => "legacy-batch",
    };

    private static SyntheticUser User(string accountId, string name, Kind kind, DateTimeOffset created, Dice dice)
    {
        var human = kind is Kind.Admin or Kind.Developer or Kind.BreakGlass;
        var mfa = kind switch
        {
            Kind.Admin => dice.Chance(0.8),
            Kind.Developer => dice.Chance(0.5),
            Kind.BreakGlass => true,
            _ => false,
        };
        var keys = new List<SyntheticKey>();
        switch (kind)
        {
            case Kind.Admin or Kind.Developer when dice.Chance(0.3):
                keys.Add(Key(created.AddDays(dice.Between(0, 20)), true, dice));
                break;
            case Kind.Deploy or Kind.Service:
                keys.Add(Key(created.AddDays(dice.Between(0, 20)), true, dice));
                if (dice.Chance(0.25))
                {
                    // Rotated: the old key is deactivated, the new one in use.
                    keys.Insert(0, Key(created.AddDays(-dice.Between(100, 400)), false, dice));
                }

                break;
            case Kind.Legacy:
                keys.Add(Key(created.AddDays(1), false, dice));
                break;
        }

        var tags = new List<SyntheticTag>();
        if (kind == Kind.BreakGlass)
        {
            tags.Add(new SyntheticTag("compliance:exempt", "*"));
            tags.Add(new SyntheticTag("compliance:exempt-until", "2030-01-31"));
        }
        else if (dice.Chance(human ? 0.5 : 0.8))
        {
            tags.Add(new SyntheticTag("owner", $"team-{dice.Between(0, 12):00}"));
            if (!human && dice.Chance(0.5))
            {
                tags.Add(new SyntheticTag("cost-center", $"cc-{dice.Between(1000, 1016)}"));
            }
        }

        return new SyntheticUser
        {
            Name = name,
            UserId = "AIDA" + dice.UpperId(17),
            CreatedAt = created,
            HasConsolePassword = human,
            PasswordLastUsed = human && dice.Chance(0.8) ? Min(Epoch.AddDays(-dice.Between(0, 200)), Epoch) : null,
            MfaSerial = mfa ? $"arn:aws:iam::{accountId}:mfa/{name}" : null,
            Keys = keys,
            Tags = tags,
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static SyntheticKey Key(DateTimeOffset created, bool active, Dice dice)
    {
        // Whole seconds: IAM reports creation to the second, and the credential report's last_rotated matches it.
        created = new DateTimeOffset(created.Ticks - created.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var used = active && dice.Chance(0.8);
        var usedAt = used ? Epoch.AddMinutes(-dice.Between(10, 200 * 24 * 60)) : (DateTimeOffset?)null;
        if (usedAt < created)
        {
            usedAt = created.AddMinutes(5);
        }

        if (usedAt > Epoch && created <= Epoch)
        {
            usedAt = Epoch.AddMinutes(-1);
        }

        return new SyntheticKey(
            "AKIA" + dice.UpperId(16),
            active,
            created,
            usedAt,
            used ? dice.Pick(KeyServices) : null,
            used ? dice.Pick(AwsRegions.Default) : null);
    }

    private static (List<SyntheticInstance>, List<SyntheticFunction>, List<SyntheticTaggedResource>) Resources(string accountId, Dice dice, string[] optedIn)
    {
        var pool = ResourceRegionPool.Concat(optedIn).ToList();
        var regions = new List<string> { AwsRegions.Home };
        var extra = dice.Between(1, 2);
        while (regions.Count < 1 + extra)
        {
            var region = dice.Pick(pool);
            if (!regions.Contains(region))
            {
                regions.Add(region);
            }
        }

        var instances = new List<SyntheticInstance>();
        var functions = new List<SyntheticFunction>();
        var taggedOnly = new List<SyntheticTaggedResource>();
        var n = 0;
        foreach (var region in regions)
        {
            var instanceCount = dice.Between(0, 3);
            var functionCount = dice.Between(0, 2);
            if (instanceCount + functionCount == 0)
            {
                instanceCount = 1;
            }

            for (var k = 0; k < instanceCount; k++)
            {
                var tags = new List<SyntheticTag>();
                if (!dice.Chance(0.1))
                {
                    tags.Add(new SyntheticTag("Name", $"app-{++n}"));
                    if (dice.Chance(0.75))
                    {
                        tags.Add(new SyntheticTag("owner", $"team-{dice.Between(0, 12):00}"));
                    }

                    if (dice.Chance(0.6))
                    {
                        tags.Add(new SyntheticTag("cost-center", $"cc-{dice.Between(1000, 1016)}"));
                    }
                }

                instances.Add(new SyntheticInstance("i-" + dice.HexId(17), region, dice.Pick(InstanceTypes),
                    dice.Chance(0.8) ? "running" : "stopped", Epoch.AddDays(-dice.Between(1, 400)), tags));
            }

            if (dice.Chance(0.1))
            {
                // Terminated instances still show in DescribeInstances for a while; they are not resources any more.
                instances.Add(new SyntheticInstance("i-" + dice.HexId(17), region, "t3.micro", "terminated", Epoch.AddDays(-2), []));
            }

            for (var k = 0; k < functionCount; k++)
            {
                var tags = new List<SyntheticTag>();
                if (dice.Chance(0.7))
                {
                    tags.Add(new SyntheticTag("owner", $"team-{dice.Between(0, 12):00}"));
                    if (dice.Chance(0.5))
                    {
                        tags.Add(new SyntheticTag("cost-center", $"cc-{dice.Between(1000, 1016)}"));
                    }
                }

                functions.Add(new SyntheticFunction($"{dice.Pick(Functions)}-{++n}", region, dice.Pick(Runtimes), Epoch.AddDays(-dice.Between(1, 300)), tags));
            }

            if (dice.Chance(0.3))
            {
                taggedOnly.Add(new SyntheticTaggedResource($"arn:aws:dynamodb:{region}:{accountId}:table/orders-{++n}", region,
                    [new SyntheticTag("owner", $"team-{dice.Between(0, 12):00}")]));
            }

            if (region == AwsRegions.Home && dice.Chance(0.2))
            {
                taggedOnly.Add(new SyntheticTaggedResource($"arn:aws:s3:::bench-{accountId}-logs", region,
                    [new SyntheticTag("owner", "platform"), new SyntheticTag("cost-center", "cc-1000")]));
            }
        }

        return (instances, functions, taggedOnly);
    }
}
