namespace Scanner.Core.Checks;

/// <summary>Names of collections; a CollectionGap.Service uses the same names.</summary>
public static class DataSource
{
    public const string Organizations = "organizations";
    public const string Iam = "iam";
    public const string CredentialReport = "iam-credential-report";
    public const string CloudTrail = "cloudtrail";
    public const string Regions = "ec2-regions";
    public const string Ec2 = "ec2";
    public const string Lambda = "lambda";
    public const string Tagging = "tagging";
    public const string OrganizationFeatures = "iam-organization-features";

    /// <summary>SCPs on the account's path, read with the organization (ListPoliciesForTarget, DescribePolicy).</summary>
    public const string ServiceControlPolicies = "organizations-scp";

    /// <summary>The organization's delegated administrators, read with the organization.</summary>
    public const string DelegatedAdministrators = "organizations-delegated-administrators";
    public const string Config = "config";
    public const string SecurityHub = "securityhub";
    public const string GuardDuty = "guardduty";
}
