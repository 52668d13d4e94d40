namespace Scanner.Testing.Inventory;

using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Resources;

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
