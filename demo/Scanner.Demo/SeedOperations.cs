using Scanner.Aws.Protocols;
using Scanner.Aws.Services;

namespace Scanner.Demo;

/// <summary>
/// Every write operation this repository sends to an emulator: the demo's, which build an organization, and the
/// tests', which fix a seeded problem, break it again, close an account or switch features on. Described as data exactly
/// like the scanner's read operations (same service models, same protocol client), and kept here, out of the
/// scanner's binaries: the scanner never writes to an account except to import its findings into Security Hub
/// (tests/Scanner.Functions.Tests/Templates/ReadOnlyScannerTests holds it to that).
/// </summary>
public static class SeedOperations
{
    private static DemoJsonContext Json => DemoJsonContext.Default;

    // Organizations (awsJson1_1)
    public static readonly AwsOperation<CreateOrganizationRequest, CreateOrganizationResponse> CreateOrganization =
        Organizations("CreateOrganization", Json.CreateOrganizationRequest, Json.CreateOrganizationResponse);

    public static readonly AwsOperation<CreateOrganizationalUnitRequest, CreateOrganizationalUnitResponse> CreateOrganizationalUnit =
        Organizations("CreateOrganizationalUnit", Json.CreateOrganizationalUnitRequest, Json.CreateOrganizationalUnitResponse);

    /// <summary>Asynchronous in AWS (poll <see cref="DescribeCreateAccountStatus"/>); moto answers SUCCEEDED with the account id at once.</summary>
    public static readonly AwsOperation<CreateAccountRequest, CreateAccountResponse> CreateAccount =
        Organizations("CreateAccount", Json.CreateAccountRequest, Json.CreateAccountResponse);

    public static readonly AwsOperation<DescribeCreateAccountStatusRequest, DescribeCreateAccountStatusResponse> DescribeCreateAccountStatus =
        Organizations("DescribeCreateAccountStatus", Json.DescribeCreateAccountStatusRequest, Json.DescribeCreateAccountStatusResponse);

    public static readonly AwsOperation<MoveAccountRequest, EmptyResponse> MoveAccount =
        Organizations("MoveAccount", Json.MoveAccountRequest, Json.EmptyResponse);

    public static readonly AwsOperation<TagResourceRequest, EmptyResponse> TagResource =
        Organizations("TagResource", Json.TagResourceRequest, Json.EmptyResponse);

    public static readonly AwsOperation<CreatePolicyRequest, CreatePolicyResponse> CreatePolicy =
        Organizations("CreatePolicy", Json.CreatePolicyRequest, Json.CreatePolicyResponse);

    public static readonly AwsOperation<AttachPolicyRequest, EmptyResponse> AttachPolicy =
        Organizations("AttachPolicy", Json.AttachPolicyRequest, Json.EmptyResponse);

    public static readonly AwsOperation<UntagResourceRequest, EmptyResponse> UntagResource =
        Organizations("UntagResource", Json.UntagResourceRequest, Json.EmptyResponse);

    /// <summary>moto makes the account SUSPENDED at once (AWS passes through PENDING_CLOSURE).</summary>
    public static readonly AwsOperation<CloseAccountRequest, EmptyResponse> CloseAccount =
        Organizations("CloseAccount", Json.CloseAccountRequest, Json.EmptyResponse);

    /// <summary>Lets a service (iam.amazonaws.com for centralized root access) work with the organization.</summary>
    public static readonly AwsOperation<EnableAwsServiceAccessRequest, EmptyResponse> EnableAwsServiceAccess =
        Organizations("EnableAWSServiceAccess", Json.EnableAwsServiceAccessRequest, Json.EmptyResponse);

    /// <summary>
    /// Makes a member account a service's delegated administrator (what securityhub/guardduty enable-organization-admin-account
    /// do through Organizations). AWS and moto refuse the management account here (ConstraintViolationException).
    /// </summary>
    public static readonly AwsOperation<RegisterDelegatedAdministratorRequest, EmptyResponse> RegisterDelegatedAdministrator =
        Organizations("RegisterDelegatedAdministrator", Json.RegisterDelegatedAdministratorRequest, Json.EmptyResponse);

    // IAM (awsQuery)
    public static readonly AwsOperation<CreateUserRequest, CreateUserResponse> CreateUser =
        Iam("CreateUser", Json.CreateUserRequest, Json.CreateUserResponse);

    public static readonly AwsOperation<TagUserRequest, EmptyResponse> TagUser =
        Iam("TagUser", Json.TagUserRequest, Json.EmptyResponse);

    public static readonly AwsOperation<UserRequest, CreateAccessKeyResponse> CreateAccessKey =
        Iam("CreateAccessKey", Json.UserRequest, Json.CreateAccessKeyResponse);

    public static readonly AwsOperation<UpdateAccessKeyRequest, EmptyResponse> UpdateAccessKey =
        Iam("UpdateAccessKey", Json.UpdateAccessKeyRequest, Json.EmptyResponse);

    public static readonly AwsOperation<CreateLoginProfileRequest, CreateLoginProfileResponse> CreateLoginProfile =
        Iam("CreateLoginProfile", Json.CreateLoginProfileRequest, Json.CreateLoginProfileResponse);

    public static readonly AwsOperation<CreateVirtualMfaDeviceRequest, CreateVirtualMfaDeviceResponse> CreateVirtualMfaDevice =
        Iam("CreateVirtualMFADevice", Json.CreateVirtualMfaDeviceRequest, Json.CreateVirtualMfaDeviceResponse);

    /// <summary>moto accepts any two codes; the credential report's mfa_active turns true.</summary>
    public static readonly AwsOperation<EnableMfaDeviceRequest, EmptyResponse> EnableMfaDevice =
        Iam("EnableMFADevice", Json.EnableMfaDeviceRequest, Json.EmptyResponse);

    public static readonly AwsOperation<CreateRoleRequest, CreateRoleResponse> CreateRole =
        Iam("CreateRole", Json.CreateRoleRequest, Json.CreateRoleResponse);

    public static readonly AwsOperation<UserRequest, EmptyResponse> DeleteLoginProfile =
        Iam("DeleteLoginProfile", Json.UserRequest, Json.EmptyResponse);

    public static readonly AwsOperation<UserRequest, EmptyResponse> DeleteUser =
        Iam("DeleteUser", Json.UserRequest, Json.EmptyResponse);

    /// <summary>Centralized root access, in the management account once Organizations lets IAM in (<see cref="EnableAwsServiceAccess"/>).</summary>
    public static readonly AwsOperation<EmptyRequest, ListOrganizationsFeaturesResponse> EnableRootCredentialsManagement =
        Iam("EnableOrganizationsRootCredentialsManagement", Json.EmptyRequest, Json.ListOrganizationsFeaturesResponse);

    public static readonly AwsOperation<EmptyRequest, ListOrganizationsFeaturesResponse> EnableRootSessions =
        Iam("EnableOrganizationsRootSessions", Json.EmptyRequest, Json.ListOrganizationsFeaturesResponse);

    // CloudTrail (awsJson1_1)
    public static readonly AwsOperation<CreateTrailRequest, CreateTrailResponse> CreateTrail = new()
    { Service = CloudTrailApi.Service, Name = "CreateTrail", RequestType = Json.CreateTrailRequest, ResponseType = Json.CreateTrailResponse };

    public static readonly AwsOperation<TrailNameRequest, EmptyResponse> StartLogging = new()
    { Service = CloudTrailApi.Service, Name = "StartLogging", RequestType = Json.TrailNameRequest, ResponseType = Json.EmptyResponse };

    public static readonly AwsOperation<TrailNameRequest, EmptyResponse> StopLogging = new()
    { Service = CloudTrailApi.Service, Name = "StopLogging", RequestType = Json.TrailNameRequest, ResponseType = Json.EmptyResponse };

    // Lambda (restJson1)
    public static readonly AwsOperation<CreateFunctionRequest, CreateFunctionResponse> CreateFunction = new()
    {
        Service = LambdaApi.Service, Name = "CreateFunction", RequestType = Json.CreateFunctionRequest, ResponseType = Json.CreateFunctionResponse,
        HttpMethod = "POST", RequestUri = "/2015-03-31/functions",
    };

    // Security Hub (restJson1)

    /// <summary>Switches Security Hub on in the caller's account and Region (POST /accounts, botocore securityhub EnableSecurityHub).</summary>
    public static readonly AwsOperation<EnableSecurityHubRequest, EmptyResponse> EnableSecurityHub = new()
    {
        Service = SecurityHubApi.Service, Name = "EnableSecurityHub", RequestType = Json.EnableSecurityHubRequest, ResponseType = Json.EmptyResponse,
        HttpMethod = "POST", RequestUri = "/accounts",
    };

    // Config (awsJson1_1). Starting the recorder needs a delivery channel (moto does not check that its bucket exists).
    public static readonly AwsOperation<PutConfigurationRecorderRequest, EmptyResponse> PutConfigurationRecorder = new()
    { Service = ConfigServiceApi.Service, Name = "PutConfigurationRecorder", RequestType = Json.PutConfigurationRecorderRequest, ResponseType = Json.EmptyResponse };

    public static readonly AwsOperation<PutDeliveryChannelRequest, EmptyResponse> PutDeliveryChannel = new()
    { Service = ConfigServiceApi.Service, Name = "PutDeliveryChannel", RequestType = Json.PutDeliveryChannelRequest, ResponseType = Json.EmptyResponse };

    public static readonly AwsOperation<RecorderNameRequest, EmptyResponse> StartConfigurationRecorder = new()
    { Service = ConfigServiceApi.Service, Name = "StartConfigurationRecorder", RequestType = Json.RecorderNameRequest, ResponseType = Json.EmptyResponse };

    // GuardDuty (restJson1)

    /// <summary>POST /detector (botocore guardduty CreateDetector): enable false leaves the detector suspended (DISABLED).</summary>
    public static readonly AwsOperation<CreateDetectorRequest, CreateDetectorResponse> CreateDetector = new()
    {
        Service = GuardDutyApi.Service, Name = "CreateDetector", RequestType = Json.CreateDetectorRequest, ResponseType = Json.CreateDetectorResponse,
        HttpMethod = "POST", RequestUri = "/detector",
    };

    // The management account's baseline: services the scanner never calls itself, described from botocore's metadata.
    private static readonly AwsServiceModel CloudFormationService = new()
    { ServiceId = "CloudFormation", Protocol = WireProtocol.Query, SigningName = "cloudformation", EndpointPrefix = "cloudformation", ApiVersion = "2010-05-15" };

    private static readonly AwsServiceModel SnsService = new()
    { ServiceId = "SNS", Protocol = WireProtocol.Query, SigningName = "sns", EndpointPrefix = "sns", ApiVersion = "2010-03-31" };

    private static readonly AwsServiceModel KmsService = new()
    { ServiceId = "KMS", Protocol = WireProtocol.Json, SigningName = "kms", EndpointPrefix = "kms", TargetPrefix = "TrentService" };

    private static readonly AwsServiceModel LogsService = new()
    { ServiceId = "CloudWatch Logs", Protocol = WireProtocol.Json, SigningName = "logs", EndpointPrefix = "logs", TargetPrefix = "Logs_20140328" };

    /// <summary>A workload in the management account (the tests' baseline): a DynamoDB table.</summary>
    public static readonly AwsServiceModel DynamoDbService = new()
    { ServiceId = "DynamoDB", Protocol = WireProtocol.Json, SigningName = "dynamodb", EndpointPrefix = "dynamodb", TargetPrefix = "DynamoDB_20120810", JsonVersion = "1.0" };

    /// <summary>A workload in the management account (the tests' baseline): an RDS instance.</summary>
    public static readonly AwsServiceModel RdsService = new()
    { ServiceId = "RDS", Protocol = WireProtocol.Query, SigningName = "rds", EndpointPrefix = "rds", ApiVersion = "2014-10-31" };

    public static readonly AwsOperation<CreateStackRequest, CreateStackResponse> CreateStack = new()
    { Service = CloudFormationService, Name = "CreateStack", RequestType = Json.CreateStackRequest, ResponseType = Json.CreateStackResponse };

    public static readonly AwsOperation<CreateStackSetRequest, CreateStackSetResponse> CreateStackSet = new()
    { Service = CloudFormationService, Name = "CreateStackSet", RequestType = Json.CreateStackSetRequest, ResponseType = Json.CreateStackSetResponse };

    public static readonly AwsOperation<CreateTopicRequest, CreateTopicResponse> CreateTopic = new()
    { Service = SnsService, Name = "CreateTopic", RequestType = Json.CreateTopicRequest, ResponseType = Json.CreateTopicResponse };

    public static readonly AwsOperation<CreateKeyRequest, CreateKeyResponse> CreateKey = new()
    { Service = KmsService, Name = "CreateKey", RequestType = Json.CreateKeyRequest, ResponseType = Json.CreateKeyResponse };

    public static readonly AwsOperation<CreateLogGroupRequest, EmptyResponse> CreateLogGroup = new()
    { Service = LogsService, Name = "CreateLogGroup", RequestType = Json.CreateLogGroupRequest, ResponseType = Json.EmptyResponse };

    public static readonly AwsOperation<CreateTableRequest, EmptyResponse> CreateTable = new()
    { Service = DynamoDbService, Name = "CreateTable", RequestType = Json.CreateTableRequest, ResponseType = Json.EmptyResponse };

    public static readonly AwsOperation<CreateDbInstanceRequest, EmptyResponse> CreateDbInstance = new()
    { Service = RdsService, Name = "CreateDBInstance", RequestType = Json.CreateDbInstanceRequest, ResponseType = Json.EmptyResponse };

    private static AwsOperation<TRequest, TResponse> Organizations<TRequest, TResponse>(
        string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> response)
        => new() { Service = OrganizationsApi.Service, Name = name, RequestType = request, ResponseType = response };

    private static AwsOperation<TRequest, TResponse> Iam<TRequest, TResponse>(
        string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> response)
        => new() { Service = IamApi.Service, Name = name, RequestType = request, ResponseType = response };
}
