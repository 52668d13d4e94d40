namespace Scanner.Core.Resources;

using static Scanner.Core.Resources.ResourceRole;

/// <summary>
/// The one table of resource types: from an ARN's service and resource kind to the CloudFormation type in AWS's
/// spelling, the Security Hub (ASFF) type, the words a person reads, and the role. Collectors name what they find
/// through it, checks judge by it, the ASFF mapper types findings by it and the test builders build through it, so
/// a type spelt one way in one place and another way elsewhere cannot happen. ARN formats follow the Service
/// Authorization Reference ("Resource types defined by ..."); an ARN no entry matches is <see cref="Unknown"/>,
/// never a type made up from its parts.
/// </summary>
public static class ResourceTypeRegistry
{
    /// <summary>An ARN the registry does not know. It has no CloudFormation type and is Other in ASFF.</summary>
    public static ResourceType Unknown { get; } = new("", "", null, "Other", "resource", ResourceRole.Unknown);

    /// <summary>The types code names directly: what the collectors ask for by their own APIs, and what the checks single out.</summary>
    public static ResourceType Ec2Instance { get; } = new("ec2", "instance/", "AWS::EC2::Instance", "AwsEc2Instance", "EC2 instance", Workload);

    public static ResourceType LambdaFunction { get; } =
        new("lambda", "function:", "AWS::Lambda::Function", "AwsLambdaFunction", "Lambda function", Workload) { IdEndsAt = ':' };

    public static ResourceType CloudFormationStack { get; } =
        new("cloudformation", "stack/", "AWS::CloudFormation::Stack", "AwsCloudFormationStack", "CloudFormation stack", GovernanceBaseline) { IdEndsAt = '/' };

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        // Compute
        Ec2Instance,
        new("ec2", "volume/", "AWS::EC2::Volume", "AwsEc2Volume", "EBS volume", Workload),
        new("ec2", "launch-template/", "AWS::EC2::LaunchTemplate", "AwsEc2LaunchTemplate", "EC2 launch template", DeploymentPlumbing),
        new("ec2", "key-pair/", "AWS::EC2::KeyPair", "Other", "EC2 key pair", DeploymentPlumbing),
        new("autoscaling", "autoScalingGroup:", "AWS::AutoScaling::AutoScalingGroup", "AwsAutoScalingAutoScalingGroup", "Auto Scaling group", Workload),
        LambdaFunction,
        new("lambda", "layer:", "AWS::Lambda::LayerVersion", "AwsLambdaLayerVersion", "Lambda layer", DeploymentPlumbing),
        new("ecs", "cluster/", "AWS::ECS::Cluster", "AwsEcsCluster", "ECS cluster", Workload),
        new("ecs", "service/", "AWS::ECS::Service", "AwsEcsService", "ECS service", Workload),
        new("ecs", "task-definition/", "AWS::ECS::TaskDefinition", "AwsEcsTaskDefinition", "ECS task definition", Workload),
        new("ecs", "task/", null, "AwsEcsTask", "ECS task", Workload),
        new("ecs", "capacity-provider/", "AWS::ECS::CapacityProvider", "Other", "ECS capacity provider", Workload),
        new("eks", "cluster/", "AWS::EKS::Cluster", "AwsEksCluster", "EKS cluster", Workload),
        new("eks", "nodegroup/", "AWS::EKS::Nodegroup", "Other", "EKS node group", Workload),
        new("eks", "fargateprofile/", "AWS::EKS::FargateProfile", "Other", "EKS Fargate profile", Workload),
        new("eks", "addon/", "AWS::EKS::Addon", "Other", "EKS add-on", Workload),
        new("elasticbeanstalk", "environment/", "AWS::ElasticBeanstalk::Environment", "AwsElasticBeanstalkEnvironment", "Elastic Beanstalk environment", Workload),
        new("elasticbeanstalk", "application/", "AWS::ElasticBeanstalk::Application", "Other", "Elastic Beanstalk application", Workload),
        new("states", "stateMachine:", "AWS::StepFunctions::StateMachine", "AwsStepFunctionStateMachine", "Step Functions state machine", Workload),
        new("states", "activity:", "AWS::StepFunctions::Activity", "Other", "Step Functions activity", Workload),
        new("glue", "job/", "AWS::Glue::Job", "Other", "Glue job", Workload),
        new("glue", "database/", "AWS::Glue::Database", "Other", "Glue database", Workload),
        new("workspaces", "workspace/", "AWS::WorkSpaces::Workspace", "Other", "WorkSpace", Workload),
        new("batch", "compute-environment/", "AWS::Batch::ComputeEnvironment", "Other", "Batch compute environment", Workload),
        new("batch", "job-queue/", "AWS::Batch::JobQueue", "Other", "Batch job queue", Workload),

        // Traffic
        new("elasticloadbalancing", "loadbalancer/app/", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AwsElbv2LoadBalancer", "Application Load Balancer", Workload) { IdEndsAt = '/' },
        new("elasticloadbalancing", "loadbalancer/net/", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AwsElbv2LoadBalancer", "Network Load Balancer", Workload) { IdEndsAt = '/' },
        new("elasticloadbalancing", "loadbalancer/gwy/", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AwsElbv2LoadBalancer", "Gateway Load Balancer", Workload) { IdEndsAt = '/' },
        new("elasticloadbalancing", "loadbalancer/", "AWS::ElasticLoadBalancing::LoadBalancer", "AwsElbLoadBalancer", "Classic Load Balancer", Workload),
        new("elasticloadbalancing", "targetgroup/", "AWS::ElasticLoadBalancingV2::TargetGroup", "Other", "load balancer target group", Workload) { IdEndsAt = '/' },
        new("apigateway", "/restapis/", "AWS::ApiGateway::RestApi", "AwsApiGatewayRestApi", "API Gateway REST API", Workload),
        new("apigateway", "/restapis/*/stages/", "AWS::ApiGateway::Stage", "AwsApiGatewayStage", "API Gateway REST API stage", Workload),
        new("apigateway", "/apis/", "AWS::ApiGatewayV2::Api", "AwsApiGatewayV2Api", "API Gateway HTTP or WebSocket API", Workload),
        new("apigateway", "/apis/*/stages/", "AWS::ApiGatewayV2::Stage", "AwsApiGatewayV2Stage", "API Gateway HTTP or WebSocket API stage", Workload),
        new("apigateway", "/domainnames/", "AWS::ApiGateway::DomainName", "Other", "API Gateway custom domain", Workload),
        new("apigateway", "/apikeys/", "AWS::ApiGateway::ApiKey", "Other", "API Gateway API key", Workload),
        new("apigateway", "/usageplans/", "AWS::ApiGateway::UsagePlan", "Other", "API Gateway usage plan", Workload),
        new("appsync", "apis/", "AWS::AppSync::GraphQLApi", "AwsAppSyncGraphQlApi", "AppSync GraphQL API", Workload),
        new("cloudfront", "distribution/", "AWS::CloudFront::Distribution", "AwsCloudFrontDistribution", "CloudFront distribution", Workload),

        // Application data
        new("rds", "db:", "AWS::RDS::DBInstance", "AwsRdsDbInstance", "RDS DB instance", Workload),
        new("rds", "cluster:", "AWS::RDS::DBCluster", "AwsRdsDbCluster", "Aurora or RDS DB cluster", Workload),
        new("rds", "snapshot:", null, "AwsRdsDbSnapshot", "RDS DB snapshot", Workload),
        new("rds", "cluster-snapshot:", null, "AwsRdsDbClusterSnapshot", "RDS DB cluster snapshot", Workload),
        new("rds", "db-proxy:", "AWS::RDS::DBProxy", "Other", "RDS proxy", Workload),
        new("rds", "subgrp:", "AWS::RDS::DBSubnetGroup", "Other", "RDS DB subnet group", Network),
        new("rds", "pg:", "AWS::RDS::DBParameterGroup", "Other", "RDS DB parameter group", DeploymentPlumbing),
        new("rds", "cluster-pg:", "AWS::RDS::DBClusterParameterGroup", "Other", "RDS DB cluster parameter group", DeploymentPlumbing),
        new("rds", "og:", "AWS::RDS::OptionGroup", "Other", "RDS option group", DeploymentPlumbing),
        new("rds", "es:", "AWS::RDS::EventSubscription", "AwsRdsEventSubscription", "RDS event subscription", Notification),
        new("dynamodb", "table/", "AWS::DynamoDB::Table", "AwsDynamoDbTable", "DynamoDB table", Workload),
        new("dynamodb", "global-table/", "AWS::DynamoDB::GlobalTable", "Other", "DynamoDB global table", Workload),
        new("elasticache", "cluster:", "AWS::ElastiCache::CacheCluster", "Other", "ElastiCache cluster", Workload),
        new("elasticache", "replicationgroup:", "AWS::ElastiCache::ReplicationGroup", "Other", "ElastiCache replication group", Workload),
        new("elasticache", "serverlesscache:", "AWS::ElastiCache::ServerlessCache", "Other", "ElastiCache serverless cache", Workload),
        new("elasticache", "subnetgroup:", "AWS::ElastiCache::SubnetGroup", "Other", "ElastiCache subnet group", Network),
        new("elasticache", "parametergroup:", "AWS::ElastiCache::ParameterGroup", "Other", "ElastiCache parameter group", DeploymentPlumbing),
        new("elasticache", "user:", "AWS::ElastiCache::User", "Other", "ElastiCache user", Workload),
        new("elasticache", "usergroup:", "AWS::ElastiCache::UserGroup", "Other", "ElastiCache user group", Workload),
        new("es", "domain/", "AWS::OpenSearchService::Domain", "AwsOpenSearchServiceDomain", "OpenSearch Service domain", Workload),
        new("aoss", "collection/", "AWS::OpenSearchServerless::Collection", "Other", "OpenSearch Serverless collection", Workload),
        new("sagemaker", "endpoint/", "AWS::SageMaker::Endpoint", "Other", "SageMaker endpoint", Workload),
        new("sagemaker", "endpoint-config/", "AWS::SageMaker::EndpointConfig", "Other", "SageMaker endpoint configuration", Workload),
        new("sagemaker", "notebook-instance/", "AWS::SageMaker::NotebookInstance", "AwsSageMakerNotebookInstance", "SageMaker notebook instance", Workload),
        new("sagemaker", "model/", "AWS::SageMaker::Model", "Other", "SageMaker model", Workload),
        new("sagemaker", "domain/", "AWS::SageMaker::Domain", "Other", "SageMaker domain", Workload),
        new("sagemaker", "training-job/", null, "Other", "SageMaker training job", Workload),
        new("redshift", "cluster:", "AWS::Redshift::Cluster", "AwsRedshiftCluster", "Redshift cluster", Workload),
        new("kafka", "cluster/", "AWS::MSK::Cluster", "AwsMskCluster", "MSK cluster", Workload) { IdEndsAt = '/' },
        new("mq", "broker:", "AWS::AmazonMQ::Broker", "AwsAmazonMqBroker", "Amazon MQ broker", Workload) { IdEndsAt = ':' },
        new("kinesis", "stream/", "AWS::Kinesis::Stream", "AwsKinesisStream", "Kinesis data stream", Workload),
        new("firehose", "deliverystream/", "AWS::KinesisFirehose::DeliveryStream", "Other", "Firehose stream", Workload),
        new("sqs", "", "AWS::SQS::Queue", "AwsSqsQueue", "SQS queue", Workload),
        new("elasticfilesystem", "file-system/", "AWS::EFS::FileSystem", "Other", "EFS file system", Workload),
        new("elasticfilesystem", "access-point/", "AWS::EFS::AccessPoint", "AwsEfsAccessPoint", "EFS access point", Workload),
        new("secretsmanager", "secret:", "AWS::SecretsManager::Secret", "AwsSecretsManagerSecret", "Secrets Manager secret", Workload),
        new("athena", "workgroup/", "AWS::Athena::WorkGroup", "AwsAthenaWorkGroup", "Athena workgroup", Workload),
        new("athena", "workgroup/primary", "AWS::Athena::WorkGroup", "AwsAthenaWorkGroup", "Athena primary workgroup", ServiceManaged) { IdFrom = "workgroup/" },
        new("s3", "", "AWS::S3::Bucket", "AwsS3Bucket", "S3 bucket", Storage),
        new("s3", "accesspoint/", "AWS::S3::AccessPoint", "AwsS3AccessPoint", "S3 access point", Storage),

        // Network
        new("ec2", "vpc/", "AWS::EC2::VPC", "AwsEc2Vpc", "VPC", Network),
        new("ec2", "subnet/", "AWS::EC2::Subnet", "AwsEc2Subnet", "subnet", Network),
        new("ec2", "security-group/", "AWS::EC2::SecurityGroup", "AwsEc2SecurityGroup", "security group", Network),
        new("ec2", "network-interface/", "AWS::EC2::NetworkInterface", "AwsEc2NetworkInterface", "network interface", Network),
        new("ec2", "elastic-ip/", "AWS::EC2::EIP", "AwsEc2Eip", "Elastic IP address", Network),
        new("ec2", "natgateway/", "AWS::EC2::NatGateway", "Other", "NAT gateway", Network),
        new("ec2", "internet-gateway/", "AWS::EC2::InternetGateway", "Other", "internet gateway", Network),
        new("ec2", "route-table/", "AWS::EC2::RouteTable", "AwsEc2RouteTable", "route table", Network),
        new("ec2", "network-acl/", "AWS::EC2::NetworkAcl", "AwsEc2NetworkAcl", "network ACL", Network),
        new("ec2", "dhcp-options/", "AWS::EC2::DHCPOptions", "Other", "DHCP options set", Network),
        new("ec2", "vpc-endpoint/", "AWS::EC2::VPCEndpoint", "Other", "VPC endpoint", Network),
        new("ec2", "transit-gateway/", "AWS::EC2::TransitGateway", "AwsEc2TransitGateway", "transit gateway", Network),
        new("route53", "hostedzone/", "AWS::Route53::HostedZone", "AwsRoute53HostedZone", "Route 53 hosted zone", Network),
        new("acm", "certificate/", "AWS::CertificateManager::Certificate", "AwsCertificateManagerCertificate", "ACM certificate", Network),
        new("wafv2", "regional/webacl/", "AWS::WAFv2::WebACL", "AwsWafv2WebAcl", "WAF web ACL", Network),
        new("wafv2", "global/webacl/", "AWS::WAFv2::WebACL", "AwsWafv2WebAcl", "WAF web ACL", Network),

        // Deployment
        CloudFormationStack,
        new("cloudformation", "stackset/", "AWS::CloudFormation::StackSet", "Other", "CloudFormation StackSet", GovernanceBaseline) { IdEndsAt = ':' },
        new("ecr", "repository/", "AWS::ECR::Repository", "AwsEcrRepository", "ECR repository", DeploymentPlumbing),
        new("codebuild", "project/", "AWS::CodeBuild::Project", "AwsCodeBuildProject", "CodeBuild project", DeploymentPlumbing),
        new("codepipeline", "", "AWS::CodePipeline::Pipeline", "Other", "CodePipeline pipeline", DeploymentPlumbing),
        new("codecommit", "", "AWS::CodeCommit::Repository", "Other", "CodeCommit repository", DeploymentPlumbing),
        new("codestar-connections", "connection/", "AWS::CodeStarConnections::Connection", "Other", "CodeStar connection", DeploymentPlumbing),
        new("ssm", "parameter/", "AWS::SSM::Parameter", "Other", "Systems Manager parameter", DeploymentPlumbing),
        new("ssm", "document/", "AWS::SSM::Document", "Other", "Systems Manager document", DeploymentPlumbing),

        // Governance
        new("organizations", "account/", "AWS::Organizations::Account", "Other", "account", GovernanceBaseline),
        new("organizations", "ou/", "AWS::Organizations::OrganizationalUnit", "Other", "organizational unit", GovernanceBaseline),
        new("organizations", "policy/", "AWS::Organizations::Policy", "Other", "organization policy", GovernanceBaseline),
        new("organizations", "resourcepolicy/", "AWS::Organizations::ResourcePolicy", "Other", "organization resource policy", GovernanceBaseline),
        new("iam", "user/", "AWS::IAM::User", "AwsIamUser", "IAM user", GovernanceBaseline),
        new("iam", "role/", "AWS::IAM::Role", "AwsIamRole", "IAM role", GovernanceBaseline),
        new("iam", "role/aws-service-role/", "AWS::IAM::Role", "AwsIamRole", "service-linked role", ServiceManaged) { IdFrom = "role/" },
        new("iam", "group/", "AWS::IAM::Group", "AwsIamGroup", "IAM group", GovernanceBaseline),
        new("iam", "policy/", "AWS::IAM::ManagedPolicy", "AwsIamPolicy", "IAM policy", GovernanceBaseline),
        new("iam", "instance-profile/", "AWS::IAM::InstanceProfile", "Other", "instance profile", GovernanceBaseline),
        new("iam", "oidc-provider/", "AWS::IAM::OIDCProvider", "Other", "IAM OIDC provider", GovernanceBaseline),
        new("iam", "saml-provider/", "AWS::IAM::SAMLProvider", "Other", "IAM SAML provider", GovernanceBaseline),
        new("iam", "server-certificate/", "AWS::IAM::ServerCertificate", "Other", "IAM server certificate", GovernanceBaseline),
        new("sso", "instance/", "AWS::SSO::Instance", "Other", "IAM Identity Center instance", GovernanceBaseline),
        new("sso", "permissionSet/", "AWS::SSO::PermissionSet", "Other", "IAM Identity Center permission set", GovernanceBaseline),
        new("kms", "key/", "AWS::KMS::Key", "AwsKmsKey", "KMS key", GovernanceBaseline),
        new("kms", "alias/", "AWS::KMS::Alias", "Other", "KMS alias", GovernanceBaseline),
        new("kms", "alias/aws/", "AWS::KMS::Alias", "Other", "AWS managed KMS key alias", ServiceManaged) { IdFrom = "alias/" },
        new("ram", "resource-share/", "AWS::RAM::ResourceShare", "Other", "RAM resource share", GovernanceBaseline),
        new("controltower", "landingzone/", "AWS::ControlTower::LandingZone", "Other", "Control Tower landing zone", GovernanceBaseline),
        new("controltower", "enabledbaseline/", "AWS::ControlTower::EnabledBaseline", "Other", "Control Tower enabled baseline", GovernanceBaseline),
        new("catalog", "portfolio/", "AWS::ServiceCatalog::Portfolio", "Other", "Service Catalog portfolio", GovernanceBaseline),
        new("catalog", "product/", "AWS::ServiceCatalog::CloudFormationProduct", "Other", "Service Catalog product", GovernanceBaseline),
        new("backup", "backup-vault:", "AWS::Backup::BackupVault", "AwsBackupBackupVault", "Backup vault", GovernanceBaseline),
        new("backup", "backup-plan:", "AWS::Backup::BackupPlan", "AwsBackupBackupPlan", "Backup plan", GovernanceBaseline),

        // Billing
        new("budgets", "budget/", "AWS::Budgets::Budget", "Other", "budget", BillingBaseline),
        new("cur", "definition/", "AWS::CUR::ReportDefinition", "Other", "Cost and Usage Report definition", BillingBaseline),
        new("bcm-data-exports", "export/", "AWS::BCMDataExports::Export", "Other", "billing data export", BillingBaseline),
        new("ce", "anomalymonitor/", "AWS::CE::AnomalyMonitor", "Other", "cost anomaly monitor", BillingBaseline),
        new("ce", "anomalysubscription/", "AWS::CE::AnomalySubscription", "Other", "cost anomaly subscription", BillingBaseline),

        // Audit
        new("cloudtrail", "trail/", "AWS::CloudTrail::Trail", "AwsCloudTrailTrail", "CloudTrail trail", AuditBaseline),
        new("cloudtrail", "eventdatastore/", "AWS::CloudTrail::EventDataStore", "Other", "CloudTrail Lake event data store", AuditBaseline),
        new("cloudtrail", "channel/", "AWS::CloudTrail::Channel", "Other", "CloudTrail channel", AuditBaseline),
        new("logs", "log-group:", "AWS::Logs::LogGroup", "Other", "log group", AuditBaseline) { IdEndsAt = ':' },
        new("logs", "log-group:/aws/", "AWS::Logs::LogGroup", "Other", "log group", ServiceManaged) { IdFrom = "log-group:", IdEndsAt = ':' },

        // Security tooling
        new("guardduty", "detector/", "AWS::GuardDuty::Detector", "AwsGuardDutyDetector", "GuardDuty detector", SecurityTooling),
        new("guardduty", "detector/*/filter/", "AWS::GuardDuty::Filter", "Other", "GuardDuty filter", SecurityTooling),
        new("guardduty", "detector/*/ipset/", "AWS::GuardDuty::IPSet", "Other", "GuardDuty IP set", SecurityTooling),
        new("guardduty", "detector/*/threatintelset/", "AWS::GuardDuty::ThreatIntelSet", "Other", "GuardDuty threat list", SecurityTooling),
        new("guardduty", "malware-protection-plan/", "AWS::GuardDuty::MalwareProtectionPlan", "Other", "GuardDuty malware protection plan", SecurityTooling),
        new("config", "config-rule/", "AWS::Config::ConfigRule", "Other", "Config rule", SecurityTooling),
        new("config", "configuration-recorder/", "AWS::Config::ConfigurationRecorder", "Other", "Config recorder", SecurityTooling) { IdEndsAt = '/' },
        new("config", "config-aggregator/", "AWS::Config::ConfigurationAggregator", "Other", "Config aggregator", SecurityTooling),
        new("config", "aggregation-authorization/", "AWS::Config::AggregationAuthorization", "Other", "Config aggregation authorization", SecurityTooling),
        new("config", "conformance-pack/", "AWS::Config::ConformancePack", "Other", "Config conformance pack", SecurityTooling) { IdEndsAt = '/' },
        new("config", "organization-config-rule/", "AWS::Config::OrganizationConfigRule", "Other", "Config organization rule", SecurityTooling),
        new("securityhub", "hub/", "AWS::SecurityHub::Hub", "Other", "Security Hub", SecurityTooling),
        new("securityhub", "automation-rule/", "AWS::SecurityHub::AutomationRule", "Other", "Security Hub automation rule", SecurityTooling),
        new("access-analyzer", "analyzer/", "AWS::AccessAnalyzer::Analyzer", "Other", "IAM Access Analyzer analyzer", SecurityTooling),
        new("detective", "graph:", "AWS::Detective::Graph", "Other", "Detective behavior graph", SecurityTooling),
        new("inspector2", "filter/", "AWS::InspectorV2::Filter", "Other", "Inspector filter", SecurityTooling),
        new("macie2", "allow-list/", "AWS::Macie::AllowList", "Other", "Macie allow list", SecurityTooling),

        // Notification
        new("sns", "", "AWS::SNS::Topic", "AwsSnsTopic", "SNS topic", Notification),
        new("events", "rule/", "AWS::Events::Rule", "Other", "EventBridge rule", Notification),
        new("events", "event-bus/", "AWS::Events::EventBus", "AwsEventsEventbus", "EventBridge event bus", Notification),
        new("events", "event-bus/default", "AWS::Events::EventBus", "AwsEventsEventbus", "default EventBridge event bus", ServiceManaged) { IdFrom = "event-bus/" },
        new("cloudwatch", "alarm:", "AWS::CloudWatch::Alarm", "AwsCloudWatchAlarm", "CloudWatch alarm", Notification),
        new("cloudwatch", "dashboard/", "AWS::CloudWatch::Dashboard", "Other", "CloudWatch dashboard", Notification),
        new("ses", "identity/", "AWS::SES::EmailIdentity", "Other", "SES identity", Notification),
    ];

    private static readonly Dictionary<string, ResourceType[]> ByService = All
        .GroupBy(t => t.Service, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Kind.Length).ToArray(), StringComparer.Ordinal);

    /// <summary>The type of an ARN and the short id a person recognises in it (i-0abc, the function's name, the bucket's name).</summary>
    public static (ResourceType Type, string Id) Identify(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);

        // arn:partition:service:region:account:resource
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || !string.Equals(parts[0], "arn", StringComparison.Ordinal))
        {
            return (Unknown, arn);
        }

        var (service, resource) = (parts[2], parts[5]);
        if (ByService.TryGetValue(service, out var candidates))
        {
            foreach (var type in candidates)
            {
                if (Matches(type.Kind, resource))
                {
                    var id = resource[(type.IdFrom ?? LiteralPrefix(type.Kind)).Length..];
                    var end = type.IdEndsAt is { } stop ? id.IndexOf(stop, StringComparison.Ordinal) : -1;
                    return (type, end > 0 ? id[..end] : id);
                }
            }
        }

        var cut = resource.IndexOfAny(['/', ':']);
        return (Unknown, cut < 0 ? resource : resource[(cut + 1)..]);
    }

    /// <summary>"ec2:snapshot" for an ARN the registry does not know, so a person can still tell what it is.</summary>
    public static string ServiceAndKind(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        if (parts.Length < 6)
        {
            return "unparsable ARN";
        }

        var cut = parts[5].IndexOfAny(['/', ':']);
        return cut <= 0 ? parts[2] : $"{parts[2]}:{parts[5][..cut]}";
    }

    /// <summary>The entry for a CloudFormation type (its first, for types several ARN shapes share); null when none has it.</summary>
    public static ResourceType? ForCloudFormationType(string cloudFormationType) =>
        All.FirstOrDefault(t => string.Equals(t.CloudFormationType, cloudFormationType, StringComparison.Ordinal));

    /// <summary>The resource part starts with the kind; '*' stands for one path segment.</summary>
    private static bool Matches(string kind, string resource)
    {
        var at = 0;
        foreach (var c in kind)
        {
            if (c == '*')
            {
                var start = at;
                while (at < resource.Length && resource[at] != '/')
                {
                    at++;
                }

                if (at == start)
                {
                    return false;
                }
            }
            else if (at >= resource.Length || resource[at++] != c)
            {
                return false;
            }
        }

        // A kind that does not end in a separator names one resource exactly (event-bus/default, workgroup/primary);
        // an empty kind (sns, sqs, s3) means the resource part is the name itself, which cannot be empty.
        return kind.Length == 0 ? resource.Length > 0 : kind[^1] is '/' or ':' || at == resource.Length;
    }

    private static string LiteralPrefix(string kind)
    {
        var star = kind.IndexOf('*', StringComparison.Ordinal);
        return star < 0 ? kind : kind[..star];
    }
}
