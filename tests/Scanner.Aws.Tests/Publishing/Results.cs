using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Resources;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>Check results as the checks would produce them, for the publishing tests.</summary>
internal static class Results
{
    public static CheckResult IamUser(string accountId, string userName, CheckStatus status = CheckStatus.Failed, string region = "us-east-1") => new()
    {
        CheckId = "iam.local-user",
        AccountId = accountId,
        Region = region,
        ResourceType = ResourceTypes.IamUser,
        ResourceId = $"arn:aws:iam::{accountId}:user/{userName}",
        Status = status,
        Severity = status == CheckStatus.Passed ? Severity.Informational : Severity.Medium,
        Title = $"IAM user '{userName}' is a local user",
        Description = $"IAM user '{userName}' signs in with long-term credentials.",
        Remediation = "Move the person to IAM Identity Center and delete the user.",
        RemediationUrl = "https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html",
        Reason = status == CheckStatus.Exempted ? "exempted by tag compliance:exempt on IAM user (no expiry date)" : null,
        Details = new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["CreatedAt"] = "2023-04-05",
            ["MfaActive"] = "false",
        },
    };

    /// <summary>tag.resource-missing-required on an EC2 instance: a check that reads ec2, lambda and tagging.</summary>
    public static CheckResult Instance(string accountId, string region, string instanceId, CheckStatus status = CheckStatus.Failed) => new()
    {
        CheckId = "tag.resource-missing-required",
        AccountId = accountId,
        Region = region,
        ResourceType = ResourceTypeRegistry.Ec2Instance.AsffType,
        ResourceId = $"arn:aws:ec2:{region}:{accountId}:instance/{instanceId}",
        Status = status,
        Severity = status == CheckStatus.Passed ? Severity.Informational : Severity.Low,
        Title = $"EC2 instance '{instanceId}' lacks required tags",
        Description = $"EC2 instance '{instanceId}' in {region} has no owner tag.",
        Remediation = "Tag the instance with owner and cost-center.",
        Details = new Dictionary<string, string>
        {
            ["Type"] = "AWS::EC2::Instance",
            ["Id"] = instanceId,
            ["MissingTags"] = "owner",
        },
        ResourceDetails = new Ec2InstanceDetails { InstanceType = "t3.micro", State = "running" },
    };

    public static IReadOnlySet<string> Ran(params string[] checkIds) => new HashSet<string>(checkIds, StringComparer.Ordinal);

    public static IReadOnlySet<string> AllChecks { get; } = new HashSet<string>(CheckCatalog.All.Select(m => m.Id), StringComparer.Ordinal);
}
