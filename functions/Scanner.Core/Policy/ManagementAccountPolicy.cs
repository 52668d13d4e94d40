namespace Scanner.Core.Policy;

using Scanner.Core.Resources;

/// <summary>
/// What the policy adds to org.management-account-workload's own rules (policy key <c>managementAccount</c>):
/// names that belong to the organization's baseline, and resource types that count as workloads although their
/// role says otherwise.
/// </summary>
/// <example>
/// <code>
/// managementAccount:
///   baselineNamePatterns: ["acme-billing-*", "landing-zone-*"]   # resource names or stack names
///   workloadTypes: [AWS::SNS::Topic]                              # CloudFormation types the registry knows
/// </code>
/// </example>
public sealed record ManagementAccountPolicy
{
    public const int MaxPatternLength = 256;

    /// <summary>
    /// Names (of a resource, or of the CloudFormation stack it belongs to) that are the baseline wherever they are met.
    /// Each is what a real landing zone creates, under the name it creates it with:
    /// Control Tower (aws-controltower-logs-…, aws-controltower-SecurityNotifications, the AWSControlTower… roles and
    /// functions, its StackSet instances StackSet-AWSControlTower…), Account Factory for Terraform (aft-…, AWSAFT…),
    /// the artifact buckets and stacks of SAM (aws-sam-cli-managed-default…) and CDK bootstrap (cdk-…-assets-…,
    /// CDKToolkit), the Config console's bucket (config-bucket-ACCOUNT), and the usual names of a Cost and Usage Report
    /// bucket. Anything else the policy names in baselineNamePatterns.
    /// </summary>
    public static IReadOnlyList<string> DefaultBaselineNamePatterns { get; } =
    [
        "aws-controltower*", "AWSControlTower*", "StackSet-AWSControlTower*",
        "aft-*", "AWSAFT*",
        "aws-sam-cli-managed-default*",
        "cdk-*-assets-*", "CDKToolkit",
        "config-bucket-*",
        "*cost-and-usage*", "cur-*", "*-cur", "*-cur-*",
    ];

    /// <summary>More names of the baseline, matched like the defaults ('*' is any run of characters, '?' one character).</summary>
    public IReadOnlyList<string> BaselineNamePatterns { get; init; } = [];

    /// <summary>CloudFormation types to report as workloads whatever their role (AWS::SNS::Topic, AWS::S3::Bucket).</summary>
    public IReadOnlyList<string> WorkloadTypes { get; init; } = [];

    /// <summary>The defaults and the policy's own patterns.</summary>
    public IEnumerable<string> AllBaselineNamePatterns => DefaultBaselineNamePatterns.Concat(BaselineNamePatterns);

    /// <summary>Glob match: '*' any run of characters (also none), '?' exactly one; case-sensitive, as AWS names are.</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    internal static string? NamePatternProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "a name pattern must not be empty";
        }

        if (value.Length > MaxPatternLength)
        {
            return $"the pattern is {value.Length} characters long; names are at most {MaxPatternLength}";
        }

        return value.All(c => c is '*' or '?')
            ? $"{PolicyValidation.Quote(value)} matches every name, which would hide every workload in the management account; name the baseline's resources or stacks"
            : null;
    }

    internal static string? WorkloadTypeProblem(string? value) =>
        value is not null && ResourceTypeRegistry.ForCloudFormationType(value) is not null
            ? null
            : $"{PolicyValidation.Quote(value)} is not a resource type the scanner knows (a CloudFormation type such as AWS::SNS::Topic or AWS::S3::Bucket; "
              + "types are case-sensitive)";
}
