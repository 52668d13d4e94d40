using Scanner.Aws.Services;

namespace Scanner.Lambda.Permissions;

/// <summary>
/// The IAM actions each of the deployment's roles needs, derived from the operations the code calls: the protocol
/// operations carry their own action (<c>AwsOperation.IamAction</c>); the official SDK clients' calls are named here
/// beside the class that makes them. The templates must grant exactly these (tests/Scanner.Functions.Tests/Templates),
/// and the end-to-end runs must make no call outside them: a call without a grant, or a grant without a call, fails
/// a test. Adding a call means adding it here and to the template, nowhere else.
/// </summary>
public static class RolePermissions
{
    // Declared first: static initializers run in order, and the role sets below use these.
    /// <summary>What Lambda's SQS event source mapping calls with the consuming function's role (the AWS Lambda developer guide).</summary>
    public static IReadOnlyList<string> SqsEventSourceMapping { get; } = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

    /// <summary>
    /// What EventBridge calls with each member account's forwarding role (member-events.yaml) to deliver a watched change
    /// to the scanner's change bus.
    /// </summary>
    public static IReadOnlyList<string> ChangeForwarding { get; } = ["events:PutEvents"];

    /// <summary>What the Lambda service calls with every function's role to deliver its logs.</summary>
    public static IReadOnlyList<string> FunctionLogs { get; } = ["logs:CreateLogStream", "logs:PutLogEvents"];

    /// <summary>Reading this scanner's findings and importing them (SecurityHubPublisher), in whichever account it publishes.</summary>
    private static IReadOnlyList<string> SecurityHubFindings { get; } =
        [SecurityHubApi.GetFindings.Operation.IamAction, SecurityHubApi.BatchImportFindings.IamAction];

    /// <summary>
    /// The dispatcher (template.yaml DispatcherRole): reads the policy document (S3PolicyDocument) and the organization
    /// with its centralized root access settings (OrganizationReader), reads every account's previous scan health once (SecurityHubPublisher.ReadScanHealthAsync),
    /// sends one job per account (DispatchHandler: SendMessageBatch is authorized as sqs:SendMessage), and, in a
    /// delegated-administrator deployment, assumes the organization-read role first (FunctionComposition). A watched
    /// change goes onto the change queue (DispatchHandler: sqs:SendMessage), and the change queue's event source mapping
    /// delivers it back to the dispatcher (<see cref="SqsEventSourceMapping"/>).
    /// </summary>
    public static IReadOnlySet<string> Dispatcher { get; } = Set(
    [
        S3.GetObject,
        S3.DecryptPolicyObject,
        OrganizationsApi.DescribeOrganization.IamAction,
        OrganizationsApi.ListRoots.Operation.IamAction,
        OrganizationsApi.ListOrganizationalUnitsForParent.Operation.IamAction,
        OrganizationsApi.ListAccountsForParent.Operation.IamAction,
        OrganizationsApi.ListTagsForResource.Operation.IamAction,
        OrganizationsApi.ListPoliciesForTarget.Operation.IamAction,
        OrganizationsApi.DescribePolicy.IamAction,
        OrganizationsApi.ListDelegatedAdministrators.Operation.IamAction,
        OrganizationsApi.ListDelegatedServicesForAccount.Operation.IamAction,
        IamApi.ListOrganizationsFeatures.IamAction,
        SecurityHubApi.GetFindings.Operation.IamAction,
        Sqs.SendMessage,
        Sts.AssumeRole,
        .. SqsEventSourceMapping,
    ]);

    /// <summary>
    /// The account scanner (template.yaml AccountScannerRole): reads the policy document (S3PolicyDocument), assumes the
    /// audit role in each account (AccountSessionFactory), and imports scan health into its own account's Security Hub
    /// when it changes, without reading it (ScanPublisher.PublishHealthAsync). The SQS event source mapping's calls are
    /// Lambda's, made with this role: <see cref="SqsEventSourceMapping"/>.
    /// </summary>
    public static IReadOnlySet<string> AccountScanner { get; } = Set(
        [S3.GetObject, S3.DecryptPolicyObject, Sts.AssumeRole, SecurityHubApi.BatchImportFindings.IamAction, .. SqsEventSourceMapping]);

    /// <summary>
    /// The audit role in every account (audit-role.yaml): the collectors' reads (AccountCollector and the collectors
    /// it runs) and the account's own findings (SecurityHubPublisher).
    /// </summary>
    public static IReadOnlySet<string> AuditRole { get; } = Set(
        [
            IamApi.ListUsers.Operation.IamAction,
            IamApi.GenerateCredentialReport.IamAction,
            IamApi.GetCredentialReport.IamAction,
            IamApi.ListUserTags.Operation.IamAction,
            IamApi.ListAccessKeys.Operation.IamAction,
            IamApi.GetAccessKeyLastUsed.IamAction,
            IamApi.ListMfaDevices.Operation.IamAction,
            IamApi.GetLoginProfile.IamAction,
            Ec2.DescribeRegions,
            Ec2.DescribeInstances,
            LambdaApi.ListFunctions.Operation.IamAction,
            TaggingApi.GetResources.Operation.IamAction,
            CloudTrailApi.DescribeTrails.IamAction,
            CloudTrailApi.GetTrailStatus.IamAction,
            ConfigServiceApi.DescribeConfigurationRecorders.IamAction,
            ConfigServiceApi.DescribeConfigurationRecorderStatus.IamAction,
            ConfigServiceApi.DescribeDeliveryChannels.IamAction,
            SecurityHubApi.DescribeHub.IamAction,
            GuardDutyApi.ListDetectors.Operation.IamAction,
            GuardDutyApi.GetDetector.IamAction,
            .. SecurityHubFindings,
        ]);

    private static HashSet<string> Set(params IEnumerable<string> actions) => new(actions, StringComparer.Ordinal);

    /// <summary>Calls made through the official AWSSDK.SecurityToken client.</summary>
    public static class Sts
    {
        /// <summary>AccountSessionFactory (the audit role) and AssumedRoleCredentials (the organization-read role).</summary>
        public const string AssumeRole = "sts:AssumeRole";
    }

    /// <summary>Calls made through the official AWSSDK.EC2 client.</summary>
    public static class Ec2
    {
        /// <summary>RegionCollector.</summary>
        public const string DescribeRegions = "ec2:DescribeRegions";

        /// <summary>RegionalResourceCollector.</summary>
        public const string DescribeInstances = "ec2:DescribeInstances";
    }

    /// <summary>Calls made through the official AWSSDK.S3 client.</summary>
    public static class S3
    {
        /// <summary>S3PolicyDocument: the policy document, with a conditional GET on its ETag.</summary>
        public const string GetObject = "s3:GetObject";

        /// <summary>
        /// What S3 asks of the reader for a policy object under a customer managed KMS key (template.yaml grants it only
        /// when PolicyKmsKeyArn is set): GetObject decrypts with the caller's permission on the key.
        /// </summary>
        public const string DecryptPolicyObject = "kms:Decrypt";
    }

    /// <summary>Calls made through the official AWSSDK.SQS client.</summary>
    public static class Sqs
    {
        /// <summary>DispatchHandler's SendMessageBatch, which IAM authorizes as sqs:SendMessage.</summary>
        public const string SendMessage = "sqs:SendMessage";
    }
}
