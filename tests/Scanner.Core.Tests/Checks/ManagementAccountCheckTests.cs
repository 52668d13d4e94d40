namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Core.Resources;
using Scanner.Testing.Inventory;

public class ManagementAccountWorkloadCheckTests
{
    private static readonly ManagementAccountWorkloadCheck Check = new();
    private const string Mgmt = Scenario.ManagementId;

    private static Dictionary<string, string> Stack(string name) => Make.Tags(("aws:cloudformation:stack-name", name));

    [Fact]
    public void Member_accounts_give_no_results_whatever_runs_there()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Instance("i-0abc")).Resource(Make.Function("api")).Build();

        Scenario.Run(Check, inventory).Should().BeEmpty();
    }

    [Fact]
    public void Instance_in_the_management_account_is_high_and_carries_its_details()
    {
        var instance = Make.Instance("i-0abc", accountId: Mgmt);
        var inventory = InventoryBuilder.Management().Resource(instance).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("EC2 instance 'i-0abc' runs in the management account 999988887777");
        result.Description.Should().Contain("account 999988887777 (Management)").And.Contain("(AWS::EC2::Instance)").And.Contain("Service control policies never apply");
        result.ResourceType.Should().Be("AwsEc2Instance");
        result.ResourceId.Should().Be($"arn:aws:ec2:eu-west-1:{Mgmt}:instance/i-0abc");
        result.ResourceDetails.Should().Be(instance.Details);
        result.Details["Role"].Should().Be("Workload");
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:999988887777:function:billing-export", "Lambda function 'billing-export'", "AwsLambdaFunction")]
    [InlineData("arn:aws:rds:eu-west-1:999988887777:db:orders", "RDS DB instance 'orders'", "AwsRdsDbInstance")]
    [InlineData("arn:aws:rds:eu-west-1:999988887777:cluster:orders-aurora", "Aurora or RDS DB cluster 'orders-aurora'", "AwsRdsDbCluster")]
    [InlineData("arn:aws:dynamodb:eu-west-1:999988887777:table/orders", "DynamoDB table 'orders'", "AwsDynamoDbTable")]
    [InlineData("arn:aws:ecs:eu-west-1:999988887777:cluster/web", "ECS cluster 'web'", "AwsEcsCluster")]
    [InlineData("arn:aws:eks:eu-west-1:999988887777:cluster/platform", "EKS cluster 'platform'", "AwsEksCluster")]
    [InlineData("arn:aws:elasticloadbalancing:eu-west-1:999988887777:loadbalancer/app/web/50dc6c495c0c9188", "Application Load Balancer 'web'", "AwsElbv2LoadBalancer")]
    [InlineData("arn:aws:apigateway:eu-west-1::/restapis/a1b2c3", "API Gateway REST API 'a1b2c3'", "AwsApiGatewayRestApi")]
    [InlineData("arn:aws:elasticache:eu-west-1:999988887777:cluster:sessions", "ElastiCache cluster 'sessions'", "Other")]
    [InlineData("arn:aws:es:eu-west-1:999988887777:domain/search", "OpenSearch Service domain 'search'", "AwsOpenSearchServiceDomain")]
    [InlineData("arn:aws:sagemaker:eu-west-1:999988887777:endpoint/churn", "SageMaker endpoint 'churn'", "Other")]
    public void Workloads_of_every_kind_are_high(string arn, string what, string asffType)
    {
        var inventory = InventoryBuilder.Management().Resource(Make.Tagged(arn)).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be($"{what} runs in the management account 999988887777");
        result.ResourceType.Should().Be(asffType);
    }

    [Fact]
    public void The_organization_baseline_is_not_reported()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("org-trail", bucket: "org-trail-logs"))
            .Resource(Make.Tagged($"arn:aws:cloudtrail:eu-west-1:{Mgmt}:trail/org-trail"))
            .Resource(Make.Tagged($"arn:aws:config:eu-west-1:{Mgmt}:config-rule/config-rule-abc123"))
            .Resource(Make.Tagged($"arn:aws:cloudformation:eu-west-1:{Mgmt}:stack/landing-zone/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f"))
            .Resource(Make.Tagged($"arn:aws:cloudformation:eu-west-1:{Mgmt}:stackset/org-baseline:2b5e9a1c-0000-4000-8000-0a1b2c3d4e5f"))
            .Resource(Make.Tagged($"arn:aws:iam::{Mgmt}:role/admin", "global"))
            .Resource(Make.Tagged($"arn:aws:organizations::{Mgmt}:policy/o-1/service_control_policy/p-1", "global"))
            .Resource(Make.Tagged("arn:aws:sso:::permissionSet/ssoins-1/ps-1", "global"))
            .Resource(Make.Tagged($"arn:aws:kms:eu-west-1:{Mgmt}:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
            .Resource(Make.Tagged($"arn:aws:logs:eu-west-1:{Mgmt}:log-group:org-trail-logs"))
            .Resource(Make.Tagged($"arn:aws:securityhub:eu-west-1:{Mgmt}:hub/default"))
            .Resource(Make.Tagged($"arn:aws:guardduty:eu-west-1:{Mgmt}:detector/12abc34d567e8fa901bc2d34e56789f0"))
            .Resource(Make.Tagged($"arn:aws:budgets::{Mgmt}:budget/monthly", "global"))
            .Resource(Make.Tagged($"arn:aws:sns:eu-west-1:{Mgmt}:billing-alerts"))
            .Resource(Make.Tagged($"arn:aws:events:eu-west-1:{Mgmt}:rule/guardduty-to-sns"))
            .Resource(Make.Bucket("org-trail-logs"))
            .Resource(Make.Bucket("aws-sam-cli-managed-default-samclisourcebucket-1a2b3c4d5e6f"))
            .Resource(Make.Bucket($"cdk-hnb659fds-assets-{Mgmt}-eu-west-1"))
            .Resource(Make.Bucket($"aws-controltower-logs-{Mgmt}-eu-west-1"))
            .Resource(Make.Bucket($"config-bucket-{Mgmt}"))
            .Resource(Make.Bucket("acme-cur-reports"))
            .Build();

        Scenario.Run(Check, inventory).Should().BeEmpty();
    }

    [Fact]
    public void A_function_of_a_baseline_stack_is_baseline_and_any_other_function_a_workload()
    {
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Function("scanner-dispatcher", tags: Stack("org-compliance-scanner"), accountId: Mgmt))
            .Resource(Make.Function("forwarder", tags: Stack("StackSet-AWSControlTowerBP-BASELINE-CLOUDWATCH-1a2b"), accountId: Mgmt))
            .Resource(Make.Function("aws-controltower-NotificationForwarder", accountId: Mgmt))
            .Resource(Make.Function("aft-account-request-processor", accountId: Mgmt))
            .Resource(Make.Tagged($"arn:aws:sqs:eu-west-1:{Mgmt}:scan-queue", tags: Stack("org-compliance-scanner")))
            .Resource(Make.Function("payments-api", tags: Stack("payments"), accountId: Mgmt))
            .Resource(Make.Function("hand-made", accountId: Mgmt))
            .Build();

        Scenario.Run(Check, inventory).Select(r => r.Details["Id"]).Should().BeEquivalentTo("payments-api", "hand-made");
    }

    [Fact]
    public void The_scanner_stack_name_comes_from_the_policy()
    {
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Function("scanner", tags: Stack("security-scanner-prod"), accountId: Mgmt))
            .Resource(Make.Tagged($"arn:aws:cloudformation:eu-west-1:{Mgmt}:stack/security-scanner-prod/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f"))
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle().Which.Details["Id"].Should().Be("scanner");
        Scenario.Run(Check, inventory, new AccountPolicy { ScannerStackName = "security-scanner-prod" }).Should().BeEmpty();
    }

    [Fact]
    public void A_bucket_nobody_recognises_is_medium_and_says_what_to_confirm()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("org-trail", bucket: "org-trail-logs"))
            .Resource(Make.Bucket("org-trail-logs"))
            .Resource(Make.Bucket("marketing-site"))
            .Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("S3 bucket 'marketing-site' in the management account 999988887777 is not a known baseline bucket");
        result.Description.Should().Contain("Confirm what it holds").And.Contain("managementAccount.baselineNamePatterns");
        result.ResourceType.Should().Be("AwsS3Bucket");
    }

    [Fact]
    public void A_type_the_registry_does_not_know_is_low_and_named_by_its_arn()
    {
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Tagged($"arn:aws:ec2:eu-west-1:{Mgmt}:snapshot/snap-0abc"))
            .Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Severity.Should().Be(Severity.Low);
        result.Title.Should().Be("resource 'snap-0abc' of a type the scanner does not know (ec2:snapshot) in the management account 999988887777 is not known to the scanner");
        result.ResourceType.Should().Be("Other");
    }

    [Fact]
    public void The_policy_adds_baseline_names_and_workload_types()
    {
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Bucket("acme-billing-exports"))
            .Resource(Make.Function("acme-landing-zone-guard", tags: Stack("acme-landing-zone"), accountId: Mgmt))
            .Resource(Make.Tagged($"arn:aws:sns:eu-west-1:{Mgmt}:orders-events"))
            .Build();
        var policy = new AccountPolicy
        {
            ManagementAccount = new ManagementAccountPolicy
            {
                BaselineNamePatterns = ["acme-billing-*", "acme-landing-zone"],
                WorkloadTypes = ["AWS::SNS::Topic"],
            },
        };

        Scenario.Run(Check, inventory).Select(r => r.Details["Id"]).Should().BeEquivalentTo("acme-billing-exports", "acme-landing-zone-guard");
        var result = Scenario.Run(Check, inventory, policy).Should().ContainSingle().Subject;
        result.Title.Should().Be("SNS topic 'orders-events' runs in the management account 999988887777");
        result.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void A_resource_listed_by_its_service_and_by_the_tagging_api_gives_one_result_with_the_services_details()
    {
        var instance = Make.Instance("i-0abc", accountId: Mgmt);
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Tagged(instance.Arn))
            .Resource(instance)
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle().Which.ResourceDetails.Should().BeOfType<Ec2InstanceDetails>();
    }
}
