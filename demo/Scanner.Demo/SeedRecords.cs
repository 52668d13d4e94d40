using System.Text.Json.Serialization;
using Scanner.Aws.Services;

namespace Scanner.Demo;

// Requests and responses of the write operations the demo and the tests send to an emulator (SeedOperations).
// Member names are the wire names (botocore's shapes); members the demo does not read are left out.

/// <summary>What a write operation without a result answers (an empty JSON object, or an XML document the demo does not read).</summary>
public sealed record EmptyResponse;

// Organizations
public sealed record CreateOrganizationRequest(string FeatureSet = "ALL");
public sealed record CreateOrganizationResponse(OrgOrganization Organization);

public sealed record CreateOrganizationalUnitRequest(string ParentId, string Name, List<AwsTag>? Tags = null);
public sealed record CreateOrganizationalUnitResponse(OrgUnit OrganizationalUnit);

public sealed record CreateAccountRequest(string Email, string AccountName, List<AwsTag>? Tags = null);
public sealed record CreateAccountResponse(CreateAccountStatus CreateAccountStatus);
public sealed record DescribeCreateAccountStatusRequest(string CreateAccountRequestId);
public sealed record DescribeCreateAccountStatusResponse(CreateAccountStatus CreateAccountStatus);

/// <summary>State: IN_PROGRESS, SUCCEEDED or FAILED (moto answers SUCCEEDED at once).</summary>
public sealed record CreateAccountStatus(string Id, string? AccountName, string State, string? AccountId, string? FailureReason);

public sealed record MoveAccountRequest(string AccountId, string SourceParentId, string DestinationParentId);
public sealed record TagResourceRequest(string ResourceId, List<AwsTag> Tags);

public sealed record CreatePolicyRequest(string Content, string Description, string Name, string Type = "SERVICE_CONTROL_POLICY");
public sealed record CreatePolicyResponse(OrgPolicy Policy);
public sealed record AttachPolicyRequest(string PolicyId, string TargetId);
public sealed record RegisterDelegatedAdministratorRequest(string AccountId, string ServicePrincipal);
public sealed record UntagResourceRequest(string ResourceId, List<string> TagKeys);
public sealed record CloseAccountRequest(string AccountId);
public sealed record EnableAwsServiceAccessRequest(string ServicePrincipal);

// IAM
public sealed record CreateUserRequest(string UserName, string? Path = null, List<AwsTag>? Tags = null);
public sealed record CreateUserResponse(IamUserEntry User);
public sealed record TagUserRequest(string UserName, List<AwsTag> Tags);

public sealed record CreateAccessKeyResponse(IamNewAccessKey AccessKey);

/// <summary>The secret is returned once by CreateAccessKey; the demo never prints or keeps it.</summary>
public sealed record IamNewAccessKey(string UserName, string AccessKeyId, string Status, string? SecretAccessKey)
{
    public override string ToString() => $"IamNewAccessKey {{ UserName = {UserName}, AccessKeyId = {AccessKeyId}, Status = {Status} }}";
}

/// <summary>Status: Active or Inactive.</summary>
public sealed record UpdateAccessKeyRequest(string UserName, string AccessKeyId, string Status);

public sealed record CreateLoginProfileRequest(string UserName, string Password, bool PasswordResetRequired = false);
public sealed record CreateLoginProfileResponse(IamLoginProfile LoginProfile);

public sealed record CreateVirtualMfaDeviceRequest(string VirtualMFADeviceName, string? Path = null);
public sealed record CreateVirtualMfaDeviceResponse(IamVirtualMfaDevice VirtualMFADevice);
public sealed record IamVirtualMfaDevice(string SerialNumber);
public sealed record EnableMfaDeviceRequest(string UserName, string SerialNumber, string AuthenticationCode1, string AuthenticationCode2);

public sealed record CreateRoleRequest(string RoleName, string AssumeRolePolicyDocument, string? Path = null, List<AwsTag>? Tags = null);
public sealed record CreateRoleResponse(CreatedRole Role);
public sealed record CreatedRole(string RoleName, string RoleId, string Arn, string? Path, DateTimeOffset CreateDate);

// CloudTrail
public sealed record CreateTrailRequest(
    string Name,
    string S3BucketName,
    bool IsMultiRegionTrail,
    bool IsOrganizationTrail,
    bool EnableLogFileValidation,
    bool IncludeGlobalServiceEvents = true);

public sealed record CreateTrailResponse(
    string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("TrailARN")] string TrailArn,
    bool IsMultiRegionTrail,
    bool IsOrganizationTrail,
    bool LogFileValidationEnabled);

public sealed record TrailNameRequest(string Name);

// Lambda
public sealed record CreateFunctionRequest(
    string FunctionName,
    string Runtime,
    string Role,
    string Handler,
    LambdaCode Code,
    Dictionary<string, string>? Tags = null,
    string? Description = null);

/// <summary>ZipFile travels as base64 in the JSON body (System.Text.Json writes byte[] that way).</summary>
public sealed record LambdaCode(byte[] ZipFile);

public sealed record CreateFunctionResponse(string FunctionName, string FunctionArn, string? Runtime, string? State);

// Security Hub
public sealed record EnableSecurityHubRequest(bool EnableDefaultStandards = false);

// Config
public sealed record PutConfigurationRecorderRequest(ConfigurationRecorderInput ConfigurationRecorder);
public sealed record ConfigurationRecorderInput(
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("roleARN")] string RoleArn,
    [property: System.Text.Json.Serialization.JsonPropertyName("recordingGroup")] RecordingGroup? RecordingGroup = null);
public sealed record RecordingGroup(
    [property: JsonPropertyName("allSupported")] bool AllSupported,
    [property: JsonPropertyName("includeGlobalResourceTypes")] bool IncludeGlobalResourceTypes,
    [property: JsonPropertyName("resourceTypes")] List<string>? ResourceTypes = null,
    [property: JsonPropertyName("exclusionByResourceTypes")] ConfigExclusionByResourceTypes? ExclusionByResourceTypes = null,
    [property: JsonPropertyName("recordingStrategy")] ConfigRecordingStrategy? RecordingStrategy = null);

public sealed record PutDeliveryChannelRequest(DeliveryChannelInput DeliveryChannel);
public sealed record DeliveryChannelInput([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("s3BucketName")] string S3BucketName);
public sealed record RecorderNameRequest(string ConfigurationRecorderName);

// GuardDuty
public sealed record CreateDetectorRequest([property: JsonPropertyName("enable")] bool Enable);
public sealed record CreateDetectorResponse([property: JsonPropertyName("detectorId")] string? DetectorId);

// The management account's baseline (CloudFormation and SNS are awsQuery, KMS and CloudWatch Logs awsJson1_1; shapes from botocore).
public sealed record CreateStackRequest(string StackName, string TemplateBody, List<AwsTag>? Tags = null);
public sealed record CreateStackResponse(string? StackId);
public sealed record CreateStackSetRequest(string StackSetName, string TemplateBody, string? Description = null);
public sealed record CreateStackSetResponse(string? StackSetId);
public sealed record CreateTopicRequest(string Name, List<AwsTag>? Tags = null);
public sealed record CreateTopicResponse(string? TopicArn);
public sealed record KmsTag(string TagKey, string TagValue);
public sealed record CreateKeyRequest(string? Description = null, List<KmsTag>? Tags = null);
public sealed record CreateKeyResponse(KmsKeyMetadata KeyMetadata);
public sealed record KmsKeyMetadata(string KeyId, string? Arn);
public sealed record CreateLogGroupRequest(
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags = null);

// Workloads in the management account (the tests' baseline; DynamoDB is awsJson1_0, RDS awsQuery; shapes from botocore).
public sealed record AttributeDefinition(string AttributeName, string AttributeType);
public sealed record KeySchemaElement(string AttributeName, string KeyType);
public sealed record CreateTableRequest(
    string TableName, List<AttributeDefinition> AttributeDefinitions, List<KeySchemaElement> KeySchema, string BillingMode, List<AwsTag> Tags);

/// <summary>
/// RDS names its list members "Tag" (Tags.Tag.1.Key in botocore's rds model), where the query marshaller, written for
/// IAM, writes Tags.member.1.Key: the one tag is spelt out flat.
/// </summary>
public sealed record CreateDbInstanceRequest(
    string DBInstanceIdentifier,
    string DBInstanceClass,
    string Engine,
    string MasterUsername,
    string MasterUserPassword,
    int AllocatedStorage,
    [property: JsonPropertyName("Tags.Tag.1.Key")] string TagKey,
    [property: JsonPropertyName("Tags.Tag.1.Value")] string TagValue);
