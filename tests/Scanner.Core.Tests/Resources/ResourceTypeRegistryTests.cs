namespace Scanner.Core.Tests.Resources;

using Scanner.Core.Resources;

public class ResourceTypeRegistryTests
{
    private const string A = "111122223333";

    /// <summary>
    /// ARNs as the tagging API and the collectors return them, one per shape the registry knows (formats from the
    /// Service Authorization Reference), with the CloudFormation type, id and role each must give.
    /// </summary>
    public static TheoryData<string, string, string, ResourceRole> Shapes => new()
    {
        { $"arn:aws:ec2:eu-west-1:{A}:instance/i-0abc1234def567890", "AWS::EC2::Instance", "i-0abc1234def567890", ResourceRole.Workload },
        { $"arn:aws:ec2:eu-west-1:{A}:volume/vol-0abc", "AWS::EC2::Volume", "vol-0abc", ResourceRole.Workload },
        { $"arn:aws:ec2:eu-west-1:{A}:vpc/vpc-0abc", "AWS::EC2::VPC", "vpc-0abc", ResourceRole.Network },
        { $"arn:aws:ec2:eu-west-1:{A}:security-group/sg-0abc", "AWS::EC2::SecurityGroup", "sg-0abc", ResourceRole.Network },
        { $"arn:aws:lambda:eu-west-1:{A}:function:payments-api", "AWS::Lambda::Function", "payments-api", ResourceRole.Workload },
        { $"arn:aws:lambda:eu-west-1:{A}:function:payments-api:live", "AWS::Lambda::Function", "payments-api", ResourceRole.Workload },
        { $"arn:aws:ecs:eu-west-1:{A}:cluster/web", "AWS::ECS::Cluster", "web", ResourceRole.Workload },
        { $"arn:aws:ecs:eu-west-1:{A}:service/web/frontend", "AWS::ECS::Service", "web/frontend", ResourceRole.Workload },
        { $"arn:aws:ecs:eu-west-1:{A}:task-definition/frontend:7", "AWS::ECS::TaskDefinition", "frontend:7", ResourceRole.Workload },
        { $"arn:aws:eks:eu-west-1:{A}:cluster/platform", "AWS::EKS::Cluster", "platform", ResourceRole.Workload },
        { $"arn:aws:rds:eu-west-1:{A}:db:orders", "AWS::RDS::DBInstance", "orders", ResourceRole.Workload },
        { $"arn:aws:rds:eu-west-1:{A}:cluster:orders-aurora", "AWS::RDS::DBCluster", "orders-aurora", ResourceRole.Workload },
        { $"arn:aws:dynamodb:eu-west-1:{A}:table/orders", "AWS::DynamoDB::Table", "orders", ResourceRole.Workload },
        { $"arn:aws:elasticloadbalancing:eu-west-1:{A}:loadbalancer/app/web/50dc6c495c0c9188", "AWS::ElasticLoadBalancingV2::LoadBalancer", "web", ResourceRole.Workload },
        { $"arn:aws:elasticloadbalancing:eu-west-1:{A}:loadbalancer/net/ingest/50dc6c495c0c9188", "AWS::ElasticLoadBalancingV2::LoadBalancer", "ingest", ResourceRole.Workload },
        { $"arn:aws:elasticloadbalancing:eu-west-1:{A}:loadbalancer/legacy-web", "AWS::ElasticLoadBalancing::LoadBalancer", "legacy-web", ResourceRole.Workload },
        { $"arn:aws:elasticloadbalancing:eu-west-1:{A}:targetgroup/web/73e2d6bc24d8a067", "AWS::ElasticLoadBalancingV2::TargetGroup", "web", ResourceRole.Workload },
        { "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5", "AWS::ApiGateway::RestApi", "a1b2c3d4e5", ResourceRole.Workload },
        { "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod", "AWS::ApiGateway::Stage", "a1b2c3d4e5/stages/prod", ResourceRole.Workload },
        { "arn:aws:apigateway:eu-west-1::/apis/f6g7h8", "AWS::ApiGatewayV2::Api", "f6g7h8", ResourceRole.Workload },
        { $"arn:aws:elasticache:eu-west-1:{A}:cluster:sessions", "AWS::ElastiCache::CacheCluster", "sessions", ResourceRole.Workload },
        { $"arn:aws:elasticache:eu-west-1:{A}:replicationgroup:sessions-rg", "AWS::ElastiCache::ReplicationGroup", "sessions-rg", ResourceRole.Workload },
        { $"arn:aws:es:eu-west-1:{A}:domain/search", "AWS::OpenSearchService::Domain", "search", ResourceRole.Workload },
        { $"arn:aws:sagemaker:eu-west-1:{A}:endpoint/churn", "AWS::SageMaker::Endpoint", "churn", ResourceRole.Workload },
        { $"arn:aws:sagemaker:eu-west-1:{A}:notebook-instance/research", "AWS::SageMaker::NotebookInstance", "research", ResourceRole.Workload },
        { $"arn:aws:sqs:eu-west-1:{A}:orders-queue", "AWS::SQS::Queue", "orders-queue", ResourceRole.Workload },
        { $"arn:aws:sns:eu-west-1:{A}:billing-alerts", "AWS::SNS::Topic", "billing-alerts", ResourceRole.Notification },
        { $"arn:aws:events:eu-west-1:{A}:rule/guardduty-findings", "AWS::Events::Rule", "guardduty-findings", ResourceRole.Notification },
        { $"arn:aws:events:eu-west-1:{A}:event-bus/default", "AWS::Events::EventBus", "default", ResourceRole.ServiceManaged },
        { $"arn:aws:events:eu-west-1:{A}:event-bus/org-events", "AWS::Events::EventBus", "org-events", ResourceRole.Notification },
        { $"arn:aws:logs:eu-west-1:{A}:log-group:aws-controltower/CloudTrailLogs", "AWS::Logs::LogGroup", "aws-controltower/CloudTrailLogs", ResourceRole.AuditBaseline },
        { $"arn:aws:logs:eu-west-1:{A}:log-group:/aws/lambda/payments-api:*", "AWS::Logs::LogGroup", "/aws/lambda/payments-api", ResourceRole.ServiceManaged },
        { $"arn:aws:kms:eu-west-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab", "AWS::KMS::Key", "1234abcd-12ab-34cd-56ef-1234567890ab", ResourceRole.GovernanceBaseline },
        { $"arn:aws:kms:eu-west-1:{A}:alias/org-trail", "AWS::KMS::Alias", "org-trail", ResourceRole.GovernanceBaseline },
        { $"arn:aws:kms:eu-west-1:{A}:alias/aws/s3", "AWS::KMS::Alias", "aws/s3", ResourceRole.ServiceManaged },
        { $"arn:aws:cloudformation:eu-west-1:{A}:stack/landing-zone/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f", "AWS::CloudFormation::Stack", "landing-zone", ResourceRole.GovernanceBaseline },
        { $"arn:aws:cloudformation:eu-west-1:{A}:stackset/org-baseline:2b5e9a1c-0000-4000-8000-0a1b2c3d4e5f", "AWS::CloudFormation::StackSet", "org-baseline", ResourceRole.GovernanceBaseline },
        { "arn:aws:s3:::org-trail-logs", "AWS::S3::Bucket", "org-trail-logs", ResourceRole.Storage },
        { $"arn:aws:guardduty:eu-west-1:{A}:detector/12abc34d567e8fa901bc2d34e56789f0", "AWS::GuardDuty::Detector", "12abc34d567e8fa901bc2d34e56789f0", ResourceRole.SecurityTooling },
        { $"arn:aws:guardduty:eu-west-1:{A}:detector/12abc34d/filter/archive-low", "AWS::GuardDuty::Filter", "12abc34d/filter/archive-low", ResourceRole.SecurityTooling },
        { $"arn:aws:config:eu-west-1:{A}:config-rule/config-rule-abc123", "AWS::Config::ConfigRule", "config-rule-abc123", ResourceRole.SecurityTooling },
        { $"arn:aws:config:eu-west-1:{A}:configuration-recorder/default/3zjxgkdhzfuw2nwe", "AWS::Config::ConfigurationRecorder", "default", ResourceRole.SecurityTooling },
        { $"arn:aws:config:eu-west-1:{A}:conformance-pack/operational-best-practices/conformance-pack-abc", "AWS::Config::ConformancePack", "operational-best-practices", ResourceRole.SecurityTooling },
        { $"arn:aws:securityhub:eu-west-1:{A}:hub/default", "AWS::SecurityHub::Hub", "default", ResourceRole.SecurityTooling },
        { $"arn:aws:access-analyzer:eu-west-1:{A}:analyzer/org-analyzer", "AWS::AccessAnalyzer::Analyzer", "org-analyzer", ResourceRole.SecurityTooling },
        { $"arn:aws:cloudtrail:eu-west-1:{A}:trail/org-trail", "AWS::CloudTrail::Trail", "org-trail", ResourceRole.AuditBaseline },
        { $"arn:aws:iam::{A}:role/admin", "AWS::IAM::Role", "admin", ResourceRole.GovernanceBaseline },
        { $"arn:aws:iam::{A}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty", "AWS::IAM::Role", "aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty", ResourceRole.ServiceManaged },
        { $"arn:aws:iam::{A}:user/division/alice", "AWS::IAM::User", "division/alice", ResourceRole.GovernanceBaseline },
        { $"arn:aws:organizations::{A}:policy/o-abc/service_control_policy/p-1", "AWS::Organizations::Policy", "o-abc/service_control_policy/p-1", ResourceRole.GovernanceBaseline },
        { "arn:aws:sso:::permissionSet/ssoins-1/ps-1", "AWS::SSO::PermissionSet", "ssoins-1/ps-1", ResourceRole.GovernanceBaseline },
        { $"arn:aws:budgets::{A}:budget/monthly", "AWS::Budgets::Budget", "monthly", ResourceRole.BillingBaseline },
        { $"arn:aws:cur:us-east-1:{A}:definition/org-cur", "AWS::CUR::ReportDefinition", "org-cur", ResourceRole.BillingBaseline },
        { $"arn:aws-cn:ec2:cn-north-1:{A}:instance/i-0abc", "AWS::EC2::Instance", "i-0abc", ResourceRole.Workload },
        { $"arn:aws-us-gov:dynamodb:us-gov-west-1:{A}:table/orders", "AWS::DynamoDB::Table", "orders", ResourceRole.Workload },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_arn_shape_gives_its_cloudformation_type_id_and_role(string arn, string cloudFormationType, string id, ResourceRole role)
    {
        var (type, foundId) = ResourceTypeRegistry.Identify(arn);

        type.CloudFormationType.Should().Be(cloudFormationType);
        foundId.Should().Be(id);
        type.Role.Should().Be(role);
    }

    [Fact]
    public void Every_entry_is_reached_by_an_arn_of_its_own_shape()
    {
        foreach (var entry in ResourceTypeRegistry.All)
        {
            var kind = entry.Kind.Replace("*", "abc123", StringComparison.Ordinal);
            var resource = entry.Kind.Length == 0 || kind[^1] is '/' or ':' ? kind + "sample-name" : kind;
            var arn = $"arn:aws:{entry.Service}:eu-west-1:{A}:{resource}";

            ResourceTypeRegistry.Identify(arn).Type.Should().BeSameAs(entry, arn);
        }
    }

    [Fact]
    public void Entries_do_not_repeat_a_shape()
    {
        ResourceTypeRegistry.All.GroupBy(t => (t.Service, t.Kind)).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_cloudformation_type_is_spelt_as_aws_spells_it()
    {
        var published = Reference("cloudformation-resource-types.txt");

        ResourceTypeRegistry.All.Select(t => t.CloudFormationType).OfType<string>().Where(t => !published.Contains(t))
            .Should().BeEmpty("every CloudFormation type must be one AWS publishes, letter for letter");
    }

    [Fact]
    public void Every_asff_type_is_one_security_hub_knows()
    {
        var known = Reference("asff-resource-types.txt");

        ResourceTypeRegistry.All.Select(t => t.AsffType).Where(t => !known.Contains(t)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("arn:aws:ec2:eu-west-1:111122223333:snapshot/snap-0abc", "snap-0abc", "ec2:snapshot")]
    [InlineData("arn:aws:newservice:eu-west-1:111122223333:widget/w-1", "w-1", "newservice:widget")]
    [InlineData("arn:aws:ecs:eu-west-1:111122223333:no-such-kind/x", "x", "ecs:no-such-kind")]
    [InlineData("not an arn", "not an arn", "unparsable ARN")]
    public void An_arn_nobody_knows_is_unknown_never_an_invented_type(string arn, string id, string serviceAndKind)
    {
        var (type, foundId) = ResourceTypeRegistry.Identify(arn);

        type.Should().BeSameAs(ResourceTypeRegistry.Unknown);
        type.CloudFormationType.Should().BeNull();
        type.AsffType.Should().Be("Other");
        type.Name.Should().Be("unknown");
        foundId.Should().Be(id);
        ResourceTypeRegistry.ServiceAndKind(arn).Should().Be(serviceAndKind);
    }

    [Fact]
    public void Only_security_tooling_is_expected_in_every_region_and_only_what_aws_makes_for_itself_escapes_tags()
    {
        Enum.GetValues<ResourceRole>().Where(r => r.IsExpectedInEveryRegion()).Should().Equal(ResourceRole.SecurityTooling);
        Enum.GetValues<ResourceRole>().Where(r => !r.IsAskedForTags())
            .Should().BeEquivalentTo([ResourceRole.SecurityTooling, ResourceRole.ServiceManaged]);
    }

    private static HashSet<string> Reference(string file) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Resources", "Reference", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))];
}
