using System.Text.Json.Serialization;
using Scanner.Aws.Services;

namespace Scanner.Cli.Demo;

/// <summary>Source-generated serialization for the demo's seeding operations; same options as the product's own context.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(FlexibleTimestampConverter), typeof(FlexibleBooleanConverter)])]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(CreateStackRequest))]
[JsonSerializable(typeof(CreateStackResponse))]
[JsonSerializable(typeof(CreateStackSetRequest))]
[JsonSerializable(typeof(CreateStackSetResponse))]
[JsonSerializable(typeof(CreateTopicRequest))]
[JsonSerializable(typeof(CreateTopicResponse))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreateKeyResponse))]
[JsonSerializable(typeof(CreateLogGroupRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(CreateOrganizationRequest))]
[JsonSerializable(typeof(CreateOrganizationResponse))]
[JsonSerializable(typeof(CreateOrganizationalUnitRequest))]
[JsonSerializable(typeof(CreateOrganizationalUnitResponse))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(CreateAccountResponse))]
[JsonSerializable(typeof(DescribeCreateAccountStatusRequest))]
[JsonSerializable(typeof(DescribeCreateAccountStatusResponse))]
[JsonSerializable(typeof(MoveAccountRequest))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(CreatePolicyRequest))]
[JsonSerializable(typeof(CreatePolicyResponse))]
[JsonSerializable(typeof(AttachPolicyRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(CreateUserResponse))]
[JsonSerializable(typeof(TagUserRequest))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(CreateAccessKeyResponse))]
[JsonSerializable(typeof(UpdateAccessKeyRequest))]
[JsonSerializable(typeof(CreateLoginProfileRequest))]
[JsonSerializable(typeof(CreateLoginProfileResponse))]
[JsonSerializable(typeof(CreateVirtualMfaDeviceRequest))]
[JsonSerializable(typeof(CreateVirtualMfaDeviceResponse))]
[JsonSerializable(typeof(EnableMfaDeviceRequest))]
[JsonSerializable(typeof(CreateRoleRequest))]
[JsonSerializable(typeof(CreateRoleResponse))]
[JsonSerializable(typeof(CreateTrailRequest))]
[JsonSerializable(typeof(CreateTrailResponse))]
[JsonSerializable(typeof(TrailNameRequest))]
[JsonSerializable(typeof(CreateFunctionRequest))]
[JsonSerializable(typeof(CreateFunctionResponse))]
[JsonSerializable(typeof(DescribeHubResponse))]
[JsonSerializable(typeof(PutConfigurationRecorderRequest))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
