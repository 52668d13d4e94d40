using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>IAM (awsQuery, global: iam.amazonaws.com signs for us-east-1).</summary>
public static class IamApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "IAM",
        Protocol = WireProtocol.Query,
        SigningName = "iam",
        EndpointPrefix = "iam",
        ApiVersion = "2010-05-08",
        IsGlobal = true,
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    private static string? Next(bool truncated, string? marker) => truncated ? marker : null;

    public static readonly AwsPagedOperation<ListUsersRequest, ListUsersResponse, IamUserEntry> ListUsers = new(
        new() { Service = Service, Name = "ListUsers", RequestType = Json.ListUsersRequest, ResponseType = Json.ListUsersResponse },
        (r, t) => r with { Marker = t }, r => Next(r.IsTruncated, r.Marker), r => r.Users);

    public static readonly AwsPagedOperation<UserPageRequest, ListUserTagsResponse, AwsTag> ListUserTags = new(
        new() { Service = Service, Name = "ListUserTags", RequestType = Json.UserPageRequest, ResponseType = Json.ListUserTagsResponse },
        (r, t) => r with { Marker = t }, r => Next(r.IsTruncated, r.Marker), r => r.Tags);

    public static readonly AwsPagedOperation<UserPageRequest, ListAccessKeysResponse, IamAccessKeyEntry> ListAccessKeys = new(
        new() { Service = Service, Name = "ListAccessKeys", RequestType = Json.UserPageRequest, ResponseType = Json.ListAccessKeysResponse },
        (r, t) => r with { Marker = t }, r => Next(r.IsTruncated, r.Marker), r => r.AccessKeyMetadata);

    public static readonly AwsOperation<GetAccessKeyLastUsedRequest, GetAccessKeyLastUsedResponse> GetAccessKeyLastUsed = new()
    { Service = Service, Name = "GetAccessKeyLastUsed", RequestType = Json.GetAccessKeyLastUsedRequest, ResponseType = Json.GetAccessKeyLastUsedResponse };

    public static readonly AwsPagedOperation<UserPageRequest, ListMfaDevicesResponse, IamMfaDevice> ListMfaDevices = new(
        new() { Service = Service, Name = "ListMFADevices", RequestType = Json.UserPageRequest, ResponseType = Json.ListMfaDevicesResponse },
        (r, t) => r with { Marker = t }, r => Next(r.IsTruncated, r.Marker), r => r.MFADevices);

    /// <summary>NoSuchEntity means the user has no console password.</summary>
    public static readonly AwsOperation<UserRequest, GetLoginProfileResponse> GetLoginProfile = new()
    { Service = Service, Name = "GetLoginProfile", RequestType = Json.UserRequest, ResponseType = Json.GetLoginProfileResponse };

    public static readonly AwsOperation<EmptyRequest, GenerateCredentialReportResponse> GenerateCredentialReport = new()
    { Service = Service, Name = "GenerateCredentialReport", RequestType = Json.EmptyRequest, ResponseType = Json.GenerateCredentialReportResponse };

    /// <summary>Content is the base64 of a CSV; ReportNotPresent / ReportInProgress until generated.</summary>
    public static readonly AwsOperation<EmptyRequest, GetCredentialReportResponse> GetCredentialReport = new()
    { Service = Service, Name = "GetCredentialReport", RequestType = Json.EmptyRequest, ResponseType = Json.GetCredentialReportResponse };

    /// <summary>
    /// The organization's centralized root access features (RootCredentialsManagement, RootSessions). Only the management
    /// account or IAM's delegated administrator may ask; elsewhere AccountNotManagementOrDelegatedAdministratorException.
    /// </summary>
    public static readonly AwsOperation<EmptyRequest, ListOrganizationsFeaturesResponse> ListOrganizationsFeatures = new()
    { Service = Service, Name = "ListOrganizationsFeatures", RequestType = Json.EmptyRequest, ResponseType = Json.ListOrganizationsFeaturesResponse };
}

public sealed record ListUsersRequest(string? Marker = null, int? MaxItems = null);
public sealed record ListUsersResponse(List<IamUserEntry>? Users, bool IsTruncated, string? Marker);
public sealed record IamUserEntry(string UserName, string UserId, string Arn, string? Path, DateTimeOffset CreateDate, DateTimeOffset? PasswordLastUsed);

public sealed record UserRequest(string UserName);
public sealed record UserPageRequest(string UserName, string? Marker = null);
public sealed record ListUserTagsResponse(List<AwsTag>? Tags, bool IsTruncated, string? Marker);
public sealed record ListAccessKeysResponse(List<IamAccessKeyEntry>? AccessKeyMetadata, bool IsTruncated, string? Marker);
public sealed record IamAccessKeyEntry(string? UserName, string AccessKeyId, string Status, DateTimeOffset CreateDate);

public sealed record GetAccessKeyLastUsedRequest(string AccessKeyId);
public sealed record GetAccessKeyLastUsedResponse(string? UserName, IamAccessKeyLastUsed? AccessKeyLastUsed);
public sealed record IamAccessKeyLastUsed(DateTimeOffset? LastUsedDate, string? ServiceName, string? Region);

public sealed record ListMfaDevicesResponse(List<IamMfaDevice>? MFADevices, bool IsTruncated, string? Marker);
public sealed record IamMfaDevice(string UserName, string SerialNumber, DateTimeOffset? EnableDate);

public sealed record GetLoginProfileResponse(IamLoginProfile LoginProfile);
public sealed record IamLoginProfile(string UserName, DateTimeOffset? CreateDate, bool PasswordResetRequired);

public sealed record GenerateCredentialReportResponse(string? State, string? Description);
public sealed record GetCredentialReportResponse(string? Content, string? ReportFormat, DateTimeOffset? GeneratedTime);

/// <summary>ListOrganizationsFeaturesResponse in botocore's iam model: EnabledFeatures lists RootCredentialsManagement and RootSessions when on.</summary>
public sealed record ListOrganizationsFeaturesResponse(string? OrganizationId, List<string>? EnabledFeatures);
