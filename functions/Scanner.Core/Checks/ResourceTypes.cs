namespace Scanner.Core.Checks;

/// <summary>ASFF resource types the checks report.</summary>
public static class ResourceTypes
{
    public const string Account = "AwsAccount";
    public const string IamUser = "AwsIamUser";
    public const string IamAccessKey = "AwsIamAccessKey";
    public const string Ec2Instance = "AwsEc2Instance";
    public const string LambdaFunction = "AwsLambdaFunction";
    public const string CloudTrailTrail = "AwsCloudTrailTrail";
    public const string Other = "Other";

    /// <summary>The ASFF type for a CloudFormation-style type; Other for anything the publisher does not detail.</summary>
    public static string ForResource(string cloudFormationType) => cloudFormationType switch
    {
        "AWS::EC2::Instance" => Ec2Instance,
        "AWS::Lambda::Function" => LambdaFunction,
        _ => Other,
    };

    /// <summary>The stable id of an account as a finding's subject (there is no account ARN to use).</summary>
    public static string AccountResourceId(string accountId) => $"AWS::::Account:{accountId}";
}
