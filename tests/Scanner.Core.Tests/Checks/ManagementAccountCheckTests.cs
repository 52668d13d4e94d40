namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Core.Tests.Support;

public class ManagementAccountWorkloadCheckTests
{
    private static readonly ManagementAccountWorkloadCheck Check = new();
    private const string Mgmt = Scenario.ManagementId;

    [Fact]
    public void Member_accounts_give_no_results_whatever_runs_there()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Instance("i-0abc")).Resource(Make.Function("api")).Build();

        Scenario.Run(Check, inventory).Should().BeEmpty();
    }

    [Fact]
    public void Instance_in_the_management_account_is_high()
    {
        var inventory = InventoryBuilder.Management().Resource(Make.Instance("i-0abc", accountId: Mgmt)).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("EC2 instance 'i-0abc' runs in the management account 999988887777");
        result.Description.Should().Contain("account 999988887777 (Management)").And.Contain("Service control policies never apply");
        result.ResourceType.Should().Be("AwsEc2Instance");
        result.ResourceId.Should().Be($"arn:aws:ec2:eu-west-1:{Mgmt}:instance/i-0abc");
        result.Details["InstanceType"].Should().Be("t3.micro");
    }

    [Fact]
    public void Lambda_function_and_other_tagged_resources_are_flagged_with_their_types()
    {
        var table = Make.Tagged("AWS::DynamoDB::Table", "orders", $"arn:aws:dynamodb:us-east-1:{Mgmt}:table/orders", "us-east-1");
        var inventory = InventoryBuilder.Management().Resource(Make.Function("api", accountId: Mgmt)).Resource(table).Build();

        var results = Scenario.Run(Check, inventory);

        results.Select(r => (r.ResourceType, r.Region)).Should().BeEquivalentTo(new[]
        {
            ("AwsLambdaFunction", "eu-west-1"),
            ("Other", "us-east-1"),
        });
        results.Should().Contain(r => r.Title == "DynamoDB table 'orders' exists in the management account 999988887777");
    }

    [Fact]
    public void Organization_baseline_is_not_flagged()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("org-trail", bucket: "org-trail-logs"))
            .Resource(Make.Tagged("AWS::CloudTrail::Trail", "org-trail", $"arn:aws:cloudtrail:eu-west-1:{Mgmt}:trail/org-trail"))
            .Resource(Make.Tagged("AWS::Config::ConfigRule", "r", $"arn:aws:config:eu-west-1:{Mgmt}:config-rule/r"))
            .Resource(Make.Tagged("AWS::CloudFormation::Stack", "s", $"arn:aws:cloudformation:eu-west-1:{Mgmt}:stack/s/1"))
            .Resource(Make.Tagged("AWS::CloudFormation::StackSet", "ss", $"arn:aws:cloudformation:eu-west-1:{Mgmt}:stackset/ss:1"))
            .Resource(Make.Tagged("AWS::IAM::Role", "admin", $"arn:aws:iam::{Mgmt}:role/admin", "global"))
            .Resource(Make.Tagged("AWS::Organizations::Policy", "p-1", $"arn:aws:organizations::{Mgmt}:policy/o-1/service_control_policy/p-1", "global"))
            .Resource(Make.Tagged("AWS::SSO::PermissionSet", "ps", $"arn:aws:sso:::permissionSet/ssoins-1/ps-1", "global"))
            .Resource(Make.Tagged("AWS::KMS::Key", "k", $"arn:aws:kms:eu-west-1:{Mgmt}:key/k"))
            .Resource(Make.Tagged("AWS::Logs::LogGroup", "lg", $"arn:aws:logs:eu-west-1:{Mgmt}:log-group:lg"))
            .Resource(Make.Tagged("AWS::SecurityHub::Hub", "default", $"arn:aws:securityhub:eu-west-1:{Mgmt}:hub/default"))
            .Resource(Make.Bucket("org-trail-logs"))
            .Build();

        Scenario.Run(Check, inventory).Should().BeEmpty();
    }

    [Fact]
    public void A_bucket_that_is_not_the_trail_bucket_is_flagged()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("org-trail", bucket: "org-trail-logs"))
            .Resource(Make.Bucket("org-trail-logs"))
            .Resource(Make.Bucket("marketing-site"))
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle()
            .Which.Title.Should().Be("S3 bucket 'marketing-site' exists in the management account 999988887777");
    }

    [Fact]
    public void The_scanners_own_stack_is_not_flagged_but_another_stack_is()
    {
        var own = Make.Tags(("aws:cloudformation:stack-name", "org-compliance-scanner"));
        var other = Make.Tags(("aws:cloudformation:stack-name", "payments"));
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Function("scanner-dispatcher", tags: own, accountId: Mgmt))
            .Resource(Make.Tagged("AWS::SQS::Queue", "scan-queue", $"arn:aws:sqs:eu-west-1:{Mgmt}:scan-queue", tags: own))
            .Resource(Make.Function("payments-api", tags: other, accountId: Mgmt))
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle().Which.Details["Id"].Should().Be("payments-api");
    }

    [Fact]
    public void The_scanner_stack_name_comes_from_the_policy()
    {
        var inventory = InventoryBuilder.Management()
            .Resource(Make.Function("scanner", tags: Make.Tags(("aws:cloudformation:stack-name", "custom-scanner")), accountId: Mgmt))
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle();
        Scenario.Run(Check, inventory, new AccountPolicy { ScannerStackName = "custom-scanner" }).Should().BeEmpty();
    }

    [Fact]
    public void A_resource_listed_by_its_service_and_by_the_tagging_api_gives_one_result()
    {
        var instance = Make.Instance("i-0abc", accountId: Mgmt);
        var inventory = InventoryBuilder.Management()
            .Resource(instance)
            .Resource(instance with { Source = "tagging", Details = new Dictionary<string, string>() })
            .Build();

        Scenario.Run(Check, inventory).Should().ContainSingle().Which.Details.Should().ContainKey("InstanceType");
    }
}
