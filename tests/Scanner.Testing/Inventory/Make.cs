namespace Scanner.Testing.Inventory;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;

/// <summary>Fixed facts every scenario shares: one clock, two accounts, a home Region.</summary>
public static class Scenario
{
    /// <summary>The moment every inventory was "collected"; ages and expiries are measured from it.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2025, 6, 15);

    public const string MemberId = "111122223333";
    public const string ManagementId = "999988887777";
    public const string HomeRegion = "eu-west-1";

    public static IReadOnlyList<CheckResult> Run(ICheck check, AccountInventory inventory, AccountPolicy? policy = null) =>
        [.. check.Evaluate(inventory, policy ?? new AccountPolicy())];

    /// <summary>Runs one check through the evaluator, so exemptions apply.</summary>
    public static IReadOnlyList<CheckResult> Evaluate(ICheck check, AccountInventory inventory, ScanPolicy? policy = null) =>
        Evaluator.Run(inventory, policy ?? ScanPolicy.Default, [check]).Results;
}

/// <summary>Small factories for inventory records, with defaults that make the common case short.</summary>
public static class Make
{
    public static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    public static string UserArn(string name, string accountId = Scenario.MemberId) => $"arn:aws:iam::{accountId}:user/{name}";

    public static IamUser User(
        string name,
        bool password = false,
        bool mfa = false,
        AccessKey[]? keys = null,
        Dictionary<string, string>? tags = null,
        string accountId = Scenario.MemberId,
        DateTimeOffset? passwordLastUsed = null) => new()
        {
            UserName = name,
            Arn = UserArn(name, accountId),
            UserId = "AIDA" + name.ToUpperInvariant(),
            CreatedAt = Scenario.Now.AddDays(-400),
            HasConsolePassword = password,
            MfaActive = mfa,
            PasswordLastUsed = passwordLastUsed,
            AccessKeys = [.. (keys ?? []).Select(k => k with { UserName = name })],
            Tags = tags ?? [],
        };

    /// <summary>An access key created <paramref name="ageDays"/> whole days ago, last used that many days ago (null: never).</summary>
    public static AccessKey Key(string id, double ageDays = 10, double? lastUsedDaysAgo = 1, bool active = true) => new()
    {
        AccessKeyId = id,
        UserName = "",
        IsActive = active,
        CreatedAt = Scenario.Now.AddDays(-ageDays),
        LastUsedAt = lastUsedDaysAgo is { } d ? Scenario.Now.AddDays(-d) : null,
        LastUsedService = lastUsedDaysAgo is null ? null : "s3",
        LastUsedRegion = lastUsedDaysAgo is null ? null : "eu-west-1",
    };

    /// <summary>A root user; password null is what the credential report's not_supported means: unknown.</summary>
    public static RootUser Root(
        bool mfa = true, bool key1 = false, bool key2 = false, string accountId = Scenario.MemberId, bool? password = null, bool certificate = false) => new()
    {
        Arn = $"arn:aws:iam::{accountId}:root",
        MfaActive = mfa,
        PasswordEnabled = password,
        AccessKey1Active = key1,
        AccessKey2Active = key2,
        AccessKey1LastUsed = key1 ? Scenario.Now.AddDays(-3) : null,
        SigningCertificate1Active = certificate,
    };

    public static Trail Trail(
        string name,
        bool organization = true,
        bool multiRegion = true,
        bool? logging = true,
        bool validation = true,
        string? bucket = "org-trail-logs",
        string accountId = Scenario.ManagementId,
        string region = Scenario.HomeRegion) => new()
        {
            Name = name,
            Arn = $"arn:aws:cloudtrail:{region}:{accountId}:trail/{name}",
            HomeRegion = region,
            IsOrganizationTrail = organization,
            IsMultiRegionTrail = multiRegion,
            IsLogging = logging,
            LogFileValidationEnabled = validation,
            IncludeGlobalServiceEvents = true,
            S3BucketName = bucket,
        };

    /// <summary>An EC2 instance as the EC2 collector reports it (type and id from the ARN, through the registry).</summary>
    public static CloudResource Instance(
        string id, string region = Scenario.HomeRegion, Dictionary<string, string>? tags = null, string accountId = Scenario.MemberId) => new()
        {
            Arn = $"arn:aws:ec2:{region}:{accountId}:instance/{id}",
            Region = region,
            Source = DataSource.Ec2,
            Tags = tags ?? [],
            Details = new Ec2InstanceDetails { InstanceType = "t3.micro", State = "running", LaunchedAt = Scenario.Now.AddDays(-30) },
        };

    /// <summary>A Lambda function as the Lambda collector reports it.</summary>
    public static CloudResource Function(
        string name, string region = Scenario.HomeRegion, Dictionary<string, string>? tags = null, string accountId = Scenario.MemberId) => new()
        {
            Arn = $"arn:aws:lambda:{region}:{accountId}:function:{name}",
            Region = region,
            Source = DataSource.Lambda,
            Tags = tags ?? [],
            Details = new LambdaFunctionDetails { FunctionName = name, Runtime = "python3.12", Role = $"arn:aws:iam::{accountId}:role/{name}-role" },
        };

    /// <summary>Something the tagging API listed, by its ARN: the registry gives its type and id, as it does in production.</summary>
    public static CloudResource Tagged(string arn, string region = Scenario.HomeRegion, Dictionary<string, string>? tags = null) => new()
    {
        Arn = arn,
        Region = region,
        Source = DataSource.Tagging,
        Tags = tags ?? [],
    };

    public static CloudResource Bucket(string name, Dictionary<string, string>? tags = null) =>
        Tagged($"arn:aws:s3:::{name}", Scenario.HomeRegion, tags);

    public static OrganizationalUnit Ou(string id, string name) => new(id, name);
}

/// <summary>Builds an account's inventory one fact at a time.</summary>
public sealed class InventoryBuilder
{
    private readonly List<IamUser> users = [];
    private readonly List<Trail> trails = [];
    private readonly List<EnabledRegion> regions = [];
    private readonly List<CloudResource> resources = [];
    private readonly List<CollectionGap> gaps = [];
    private OrganizationAccount account;
    private RootUser? root;
    private RootAccessManagement? rootAccess;

    private InventoryBuilder(OrganizationAccount account) => this.account = account;

    public static InventoryBuilder Member(string id = Scenario.MemberId, string name = "Production") =>
        new(new OrganizationAccount { Id = id, Name = name, Email = $"{name.ToLowerInvariant()}@example.com" });

    public static InventoryBuilder Management(string id = Scenario.ManagementId, string name = "Management") =>
        new(new OrganizationAccount { Id = id, Name = name, Email = "root@example.com", IsManagementAccount = true });

    public InventoryBuilder AccountTags(params (string Key, string Value)[] tags)
    {
        account = account with { Tags = Make.Tags(tags) };
        return this;
    }

    public InventoryBuilder InOus(params OrganizationalUnit[] path)
    {
        account = account with { OuPath = path };
        return this;
    }

    public InventoryBuilder User(IamUser user)
    {
        users.Add(user);
        return this;
    }

    public InventoryBuilder Root(RootUser rootUser)
    {
        root = rootUser;
        return this;
    }

    public InventoryBuilder RootAccess(RootAccessManagement setting)
    {
        rootAccess = setting;
        return this;
    }

    public InventoryBuilder Trail(Trail trail)
    {
        trails.Add(trail);
        return this;
    }

    public InventoryBuilder Region(string name, bool optIn = false)
    {
        regions.Add(new EnabledRegion(name, optIn ? "opted-in" : "opt-in-not-required"));
        return this;
    }

    public InventoryBuilder Resource(CloudResource resource)
    {
        resources.Add(resource);
        return this;
    }

    public InventoryBuilder Gap(string service, string? region = null)
    {
        gaps.Add(new CollectionGap(service, region, "Describe", "AccessDenied", "not authorized"));
        return this;
    }

    public AccountInventory Build() => new()
    {
        Account = account,
        HomeRegion = Scenario.HomeRegion,
        CollectedAt = Scenario.Now,
        IamUsers = [.. users],
        Root = root,
        RootAccessManagement = rootAccess,
        Trails = [.. trails],
        EnabledRegions = [.. regions],
        Resources = [.. resources],
        Gaps = [.. gaps],
    };
}
