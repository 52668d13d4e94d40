using System.Text.Json.Serialization;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>AWS Config (awsJson1_1, regional).</summary>
public static class ConfigServiceApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "Config Service",
        Protocol = WireProtocol.Json,
        SigningName = "config",
        EndpointPrefix = "config",
        TargetPrefix = "StarlingDoveService",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    public static readonly AwsOperation<EmptyRequest, DescribeConfigurationRecordersResponse> DescribeConfigurationRecorders = new()
    { Service = Service, Name = "DescribeConfigurationRecorders", RequestType = Json.EmptyRequest, ResponseType = Json.DescribeConfigurationRecordersResponse };

    public static readonly AwsOperation<EmptyRequest, DescribeConfigurationRecorderStatusResponse> DescribeConfigurationRecorderStatus = new()
    { Service = Service, Name = "DescribeConfigurationRecorderStatus", RequestType = Json.EmptyRequest, ResponseType = Json.DescribeConfigurationRecorderStatusResponse };

    public static readonly AwsOperation<EmptyRequest, DescribeDeliveryChannelsResponse> DescribeDeliveryChannels = new()
    { Service = Service, Name = "DescribeDeliveryChannels", RequestType = Json.EmptyRequest, ResponseType = Json.DescribeDeliveryChannelsResponse };
}

public sealed record DescribeConfigurationRecordersResponse(List<ConfigurationRecorder>? ConfigurationRecorders);
public sealed record ConfigurationRecorder(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("roleARN")] string? RoleArn,
    [property: JsonPropertyName("recordingGroup")] ConfigRecordingGroup? RecordingGroup = null);

public sealed record ConfigRecordingGroup(
    [property: JsonPropertyName("allSupported")] bool? AllSupported,
    [property: JsonPropertyName("includeGlobalResourceTypes")] bool? IncludeGlobalResourceTypes,
    [property: JsonPropertyName("resourceTypes")] List<string>? ResourceTypes,
    [property: JsonPropertyName("exclusionByResourceTypes")] ConfigExclusionByResourceTypes? ExclusionByResourceTypes,
    [property: JsonPropertyName("recordingStrategy")] ConfigRecordingStrategy? RecordingStrategy);

public sealed record ConfigExclusionByResourceTypes([property: JsonPropertyName("resourceTypes")] List<string>? ResourceTypes);
public sealed record ConfigRecordingStrategy([property: JsonPropertyName("useOnly")] string? UseOnly);

public sealed record DescribeDeliveryChannelsResponse(List<ConfigDeliveryChannel>? DeliveryChannels);
public sealed record ConfigDeliveryChannel(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("s3BucketName")] string? S3BucketName);

public sealed record DescribeConfigurationRecorderStatusResponse(List<ConfigurationRecorderStatus>? ConfigurationRecordersStatus);
public sealed record ConfigurationRecorderStatus(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("recording")] bool Recording,
    [property: JsonPropertyName("lastStatus")] string? LastStatus,
    [property: JsonPropertyName("lastErrorCode")] string? LastErrorCode = null);
