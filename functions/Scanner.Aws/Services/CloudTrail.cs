using System.Text.Json.Serialization;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>AWS CloudTrail (awsJson1_1, regional).</summary>
public static class CloudTrailApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "CloudTrail",
        Protocol = WireProtocol.Json,
        SigningName = "cloudtrail",
        EndpointPrefix = "cloudtrail",
        TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    /// <summary>With includeShadowTrails, an organization trail is visible from every member account and region.</summary>
    public static readonly AwsOperation<DescribeTrailsRequest, DescribeTrailsResponse> DescribeTrails = new()
    { Service = Service, Name = "DescribeTrails", RequestType = Json.DescribeTrailsRequest, ResponseType = Json.DescribeTrailsResponse };

    public static readonly AwsOperation<GetTrailStatusRequest, GetTrailStatusResponse> GetTrailStatus = new()
    { Service = Service, Name = "GetTrailStatus", RequestType = Json.GetTrailStatusRequest, ResponseType = Json.GetTrailStatusResponse };
}

public sealed record DescribeTrailsRequest(
    [property: JsonPropertyName("includeShadowTrails")] bool IncludeShadowTrails,
    [property: JsonPropertyName("trailNameList")] List<string>? TrailNameList = null);

public sealed record DescribeTrailsResponse([property: JsonPropertyName("trailList")] List<CloudTrailTrail>? TrailList);

public sealed record CloudTrailTrail(
    string Name,
    [property: JsonPropertyName("TrailARN")] string TrailArn,
    string? HomeRegion,
    string? S3BucketName,
    bool IncludeGlobalServiceEvents,
    bool IsMultiRegionTrail,
    bool LogFileValidationEnabled,
    bool IsOrganizationTrail,
    string? KmsKeyId);

/// <summary>Name may be a trail name or, for a shadow trail, its ARN.</summary>
public sealed record GetTrailStatusRequest(string Name);
public sealed record GetTrailStatusResponse(bool IsLogging, string? LatestDeliveryError);
