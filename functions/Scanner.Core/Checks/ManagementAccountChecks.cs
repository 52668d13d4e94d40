namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// org.management-account-workload: the management account holds the organization and its baseline only.
/// Service control policies never apply to it, so a workload there runs outside every guardrail, and whoever
/// compromises it is a step away from the whole organization. Member accounts produce nothing.
/// </summary>
/// <remarks>
/// What counts as a workload is decided by the resource-type registry's role, not by a list of names here:
/// a workload runs code, serves traffic or holds application data (EC2 instances, EBS volumes, Auto Scaling groups,
/// Lambda functions, ECS and EKS, Elastic Beanstalk, Step Functions, Batch and Glue jobs, RDS and Aurora, DynamoDB,
/// ElastiCache, OpenSearch, Redshift, MSK, Kinesis, SQS, EFS, Secrets Manager secrets, load balancers, API Gateway,
/// AppSync, CloudFront, SageMaker). Those are what a team deploys to run a product, and what an attacker in the
/// management account would use or steal. Everything else a management account holds is the organization's baseline:
/// governance (CloudFormation stacks and StackSets, KMS keys, IAM, IAM Identity Center, Organizations, Control Tower,
/// Service Catalog, Backup), billing (Budgets, Cost and Usage Reports), audit (CloudTrail trails, log groups),
/// security tooling (GuardDuty, Config, Security Hub, Access Analyzer), notification (SNS topics, EventBridge rules,
/// alarms), networking and deployment plumbing: none of it runs a product, and reporting it would bury the one
/// real finding under the noise every real organization's first scan would raise.
///
/// A workload-typed resource is still baseline when it belongs to the baseline: it carries the scanner's own stack
/// name (policy scannerStackName, which the functions receive from AWS::StackName), or its name or its stack's name
/// (aws:cloudformation:stack-name) matches a baseline name pattern (Control Tower, AFT, SAM, CDK; the policy adds
/// more). So a Lambda function of Control Tower or of the scanner is baseline, and any other function is a workload.
/// S3 buckets are storage: the organization trail's bucket and those with a baseline name are baseline; any other
/// bucket may be a workload's data or a baseline bucket under a name nobody told the scanner, so it is reported at
/// Medium with what to confirm. A type the registry does not know is reported at Low, to confirm the same way.
/// </remarks>
public sealed class ManagementAccountWorkloadCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "org.management-account-workload",
        Title = "Workload in the management account",
        Severity = Severity.High,
        MinimumSeverity = Severity.Low,
        Description =
            "Workloads in the organization's management account: what runs code, serves traffic or holds application data "
            + "(EC2, Lambda, ECS, EKS, RDS and Aurora, DynamoDB, ElastiCache, OpenSearch, load balancers, API Gateway, "
            + "SageMaker and the like), High. The baseline is not reported: CloudFormation stacks and StackSets, KMS keys, "
            + "CloudTrail, Config, GuardDuty, Security Hub, IAM Identity Center, Budgets, SNS topics and EventBridge rules, "
            + "the trail's bucket, Control Tower's, AFT's, SAM's and CDK's resources, and the scanner's own stack. An S3 "
            + "bucket that is neither is Medium, a resource type the scanner does not know Low: confirm what they are.",
        Remediation =
            "Move the workload to a member account: create or choose one (Organizations console > AWS accounts > "
            + "Add an AWS account), redeploy it there from its code, move its data, then delete it here (aws ec2 "
            + "terminate-instances --instance-ids ID, aws lambda delete-function --function-name NAME). Keep only "
            + "the governance baseline in the management account. If the resource is baseline under a name the "
            + "scanner does not know, add its name or its stack's name to the policy's "
            + "managementAccount.baselineNamePatterns.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Ec2, DataSource.Lambda, DataSource.Tagging, DataSource.CloudTrail],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (!inventory.Account.IsManagementAccount)
        {
            yield break;
        }

        var baseline = new ManagementAccountBaseline(inventory, policy);
        foreach (var resource in CheckText.DistinctResources(inventory))
        {
            var verdict = baseline.Judge(resource);
            if (verdict == Verdict.Baseline)
            {
                continue;
            }

            yield return verdict switch
            {
                Verdict.Workload => Workload(inventory, resource),
                _ => ToConfirm(inventory, resource, verdict),
            };
        }
    }

    private static CheckResult Workload(AccountInventory inventory, CloudResource resource)
    {
        var what = CheckText.Describe(resource);
        var region = CheckText.RegionOf(resource, inventory);
        var title = $"{what} runs in the management account {inventory.Account.Id}";
        var description =
            $"{what} ({resource.Type}) runs in {region} in the organization's management account, "
            + $"{CheckText.Account(inventory.Account)}. Service control policies never apply to the management account, "
            + "so a workload there runs outside every guardrail the organization sets, and anyone who compromises it is one "
            + "step from controlling every account. Only the organization's baseline belongs there.";
        return Definition.Failed(inventory, Severity.High, resource, title, description, Facts(resource));
    }

    private static CheckResult ToConfirm(AccountInventory inventory, CloudResource resource, Verdict verdict)
    {
        var what = CheckText.Describe(resource);
        var region = CheckText.RegionOf(resource, inventory);
        var bucket = verdict == Verdict.UnrecognisedBucket;
        var title = bucket
            ? $"{what} in the management account {inventory.Account.Id} is not a known baseline bucket"
            : $"{what} in the management account {inventory.Account.Id} is not known to the scanner";
        var why = bucket
            ? "It is not the organization trail's bucket and its name matches none of the baseline's (Control Tower, AFT, "
              + "SAM, CDK, Config, Cost and Usage Report, or the policy's managementAccount.baselineNamePatterns). Confirm "
              + "what it holds: if it is a workload's data, move it to a member account; if it belongs to the baseline (a "
              + "Config delivery bucket, a billing report bucket under another name), add its name to "
              + "managementAccount.baselineNamePatterns."
            : "The scanner cannot tell whether this kind of resource is a workload. Confirm what it is: if it runs or stores "
              + "something for a product, move it to a member account; if it is part of the organization's baseline, add its "
              + "name or its stack's name to managementAccount.baselineNamePatterns.";
        var description =
            $"{what} ({resource.Type}) exists in {region} in the organization's management account, "
            + $"{CheckText.Account(inventory.Account)}. {why} Service control policies never apply to the management account, "
            + "so only the organization's baseline belongs there.";
        return Definition.Failed(inventory, bucket ? Severity.Medium : Severity.Low, resource, title, description, Facts(resource));
    }

    private static Dictionary<string, string> Facts(CloudResource resource) => new(StringComparer.Ordinal)
    {
        ["Type"] = resource.Type.Name,
        ["Id"] = resource.Id,
        ["Role"] = resource.Type.Role.ToString(),
        ["Source"] = resource.Source,
    };
}
