namespace Scanner.Core.Checks;

/// <summary>
/// ASFF resource types of the subjects that are not resources found by ARN (accounts, users, keys, trails); a
/// resource's type comes from the resource-type registry (Scanner.Core.Resources).
/// </summary>
public static class ResourceTypes
{
    public const string Account = "AwsAccount";
    public const string IamUser = "AwsIamUser";
    public const string IamAccessKey = "AwsIamAccessKey";
    public const string CloudTrailTrail = "AwsCloudTrailTrail";
    public const string Other = "Other";

    /// <summary>The stable id of an account as a finding's subject (there is no account ARN to use).</summary>
    public static string AccountResourceId(string accountId) => $"AWS::::Account:{accountId}";
}
