namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// org.management-account-workload: the management account holds the organization and its baseline only.
/// Service control policies never apply to it, so a workload there runs outside every guardrail, and whoever
/// compromises it is a step away from the whole organization. Member accounts produce nothing.
/// </summary>
public sealed class ManagementAccountWorkloadCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "org.management-account-workload",
        Title = "Workload in the management account",
        Severity = Severity.High,
        Description =
            "EC2 instances, Lambda functions and other tagged resources in the organization's management account, except "
            + "the organization baseline (CloudTrail, Config, CloudFormation stacks and StackSets, IAM, Organizations, "
            + "IAM Identity Center, KMS keys, log groups, Security Hub, the trail's S3 bucket) and the scanner's own stack.",
        Remediation =
            "Move the workload to a member account: create or choose an account for it (AWS Organizations console > AWS "
            + "accounts > Add an AWS account), redeploy it there from its infrastructure code, move its data, then delete "
            + "it from the management account (for example aws ec2 terminate-instances --instance-ids ID, or aws lambda "
            + "delete-function --function-name NAME). Keep only the organization's baseline in the management account, "
            + "and delegate administration of security services to a member account.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Ec2, DataSource.Lambda, DataSource.Tagging, DataSource.CloudTrail],
    };

    // Types that make up the organization's baseline: governance, identity, logging and keys. Not workloads.
    private static readonly HashSet<string> BaselineTypes = new(StringComparer.Ordinal)
    {
        "AWS::CloudTrail::Trail",
        "AWS::CloudFormation::Stack",
        "AWS::CloudFormation::StackSet",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
    };

    private static readonly string[] BaselineTypePrefixes =
    [
        "AWS::Config::",
        "AWS::IAM::",
        "AWS::Organizations::",
        "AWS::SSO::",
        "AWS::SecurityHub::",
    ];

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (!inventory.Account.IsManagementAccount)
        {
            yield break;
        }

        var trailBuckets = inventory.Trails
            .Select(t => t.S3BucketName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        foreach (var resource in CheckText.DistinctResources(inventory))
        {
            if (IsBaseline(resource, trailBuckets, policy.ScannerStackName))
            {
                continue;
            }

            var what = CheckText.Describe(resource);
            var region = CheckText.RegionOf(resource, inventory);
            var verb = resource.Type is "AWS::EC2::Instance" or "AWS::Lambda::Function" ? "runs" : "exists";
            var title = $"{what} {verb} in the management account {inventory.Account.Id}";
            var description =
                $"{what} ({resource.Type}) {verb} in {region} in the organization's management account, "
                + $"{CheckText.Account(inventory.Account)}. Service control policies never apply to the management account, "
                + "so a workload there runs outside every guardrail the organization sets, and anyone who compromises it is one "
                + "step from controlling every account. Only the organization's baseline belongs there.";

            var details = new Dictionary<string, string>(resource.Details, StringComparer.Ordinal)
            {
                ["Type"] = resource.Type,
                ["Id"] = resource.Id,
                ["Source"] = resource.Source,
            };

            yield return Definition.Failed(
                inventory, Severity.High, region, ResourceTypes.ForResource(resource.Type), resource.Arn, title, description, details);
        }
    }

    internal static bool IsBaseline(CloudResource resource, IReadOnlySet<string> trailBuckets, string scannerStackName)
    {
        if (resource.Tags.TryGetValue(CheckText.StackNameTag, out var stack)
            && string.Equals(stack, scannerStackName, StringComparison.Ordinal))
        {
            return true;
        }

        if (string.Equals(resource.Type, "AWS::S3::Bucket", StringComparison.Ordinal))
        {
            // Only the bucket that receives the organization trail's logs is baseline; any other bucket is data.
            return trailBuckets.Contains(resource.Id) || trailBuckets.Contains(BucketName(resource.Arn));
        }

        return BaselineTypes.Contains(resource.Type)
            || BaselineTypePrefixes.Any(prefix => resource.Type.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static string BucketName(string arn)
    {
        var at = arn.LastIndexOf(':');
        return at < 0 ? arn : arn[(at + 1)..];
    }
}
