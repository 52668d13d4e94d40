using System.Text.Json.Serialization;

namespace Scanner.Aws.Services;

/// <summary>
/// Source-generated (Native AOT) serialization for every request and response of our protocol clients.
/// Member names are the wire names; reading is case-insensitive because Query XML and JSON differ in case
/// for a few members; nulls are not sent.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(FlexibleTimestampConverter), typeof(FlexibleBooleanConverter)])]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(DescribeOrganizationResponse))]
[JsonSerializable(typeof(ListAccountsResponse))]
[JsonSerializable(typeof(ListAccountsForParentRequest))]
[JsonSerializable(typeof(ListRootsRequest))]
[JsonSerializable(typeof(ListRootsResponse))]
[JsonSerializable(typeof(ListOrganizationalUnitsForParentRequest))]
[JsonSerializable(typeof(ListOrganizationalUnitsForParentResponse))]
[JsonSerializable(typeof(ListTagsForResourceRequest))]
[JsonSerializable(typeof(ListTagsForResourceResponse))]
[JsonSerializable(typeof(ListPoliciesForTargetRequest))]
[JsonSerializable(typeof(ListPoliciesForTargetResponse))]
[JsonSerializable(typeof(DescribePolicyRequest))]
[JsonSerializable(typeof(DescribePolicyResponse))]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(UserPageRequest))]
[JsonSerializable(typeof(ListUserTagsResponse))]
[JsonSerializable(typeof(ListAccessKeysResponse))]
[JsonSerializable(typeof(GetAccessKeyLastUsedRequest))]
[JsonSerializable(typeof(GetAccessKeyLastUsedResponse))]
[JsonSerializable(typeof(ListMfaDevicesResponse))]
[JsonSerializable(typeof(GetLoginProfileResponse))]
[JsonSerializable(typeof(GenerateCredentialReportResponse))]
[JsonSerializable(typeof(GetCredentialReportResponse))]
[JsonSerializable(typeof(ListOrganizationsFeaturesResponse))]
[JsonSerializable(typeof(DescribeTrailsRequest))]
[JsonSerializable(typeof(DescribeTrailsResponse))]
[JsonSerializable(typeof(GetTrailStatusRequest))]
[JsonSerializable(typeof(GetTrailStatusResponse))]
[JsonSerializable(typeof(DescribeConfigurationRecordersResponse))]
[JsonSerializable(typeof(DescribeConfigurationRecorderStatusResponse))]
[JsonSerializable(typeof(GetResourcesRequest))]
[JsonSerializable(typeof(GetResourcesResponse))]
[JsonSerializable(typeof(ListFunctionsRequest))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(BatchImportFindingsRequest))]
[JsonSerializable(typeof(BatchImportFindingsResponse))]
[JsonSerializable(typeof(GetFindingsRequest))]
[JsonSerializable(typeof(GetFindingsResponse))]
[JsonSerializable(typeof(ListDelegatedAdministratorsRequest))]
[JsonSerializable(typeof(ListDelegatedAdministratorsResponse))]
[JsonSerializable(typeof(ListDelegatedServicesForAccountRequest))]
[JsonSerializable(typeof(ListDelegatedServicesForAccountResponse))]
[JsonSerializable(typeof(DescribeDeliveryChannelsResponse))]
[JsonSerializable(typeof(DescribeHubRequest))]
[JsonSerializable(typeof(DescribeHubResponse))]
[JsonSerializable(typeof(ListDetectorsRequest))]
[JsonSerializable(typeof(ListDetectorsResponse))]
[JsonSerializable(typeof(GetDetectorRequest))]
[JsonSerializable(typeof(GetDetectorResponse))]
public sealed partial class AwsJsonContext : JsonSerializerContext;
