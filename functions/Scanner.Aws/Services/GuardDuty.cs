using System.Text.Json.Serialization;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>Amazon GuardDuty (restJson1, regional; botocore guardduty 2017-11-28).</summary>
public static class GuardDutyApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "GuardDuty",
        Protocol = WireProtocol.RestJson,
        SigningName = "guardduty",
        EndpointPrefix = "guardduty",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    /// <summary>GET /detector; at most one detector per account and Region in practice, paged anyway.</summary>
    public static readonly AwsPagedOperation<ListDetectorsRequest, ListDetectorsResponse, string> ListDetectors = new(
        new()
        {
            Service = Service, Name = "ListDetectors", RequestType = Json.ListDetectorsRequest, ResponseType = Json.ListDetectorsResponse,
            HttpMethod = "GET", RequestUri = "/detector",
            QueryMembers = new Dictionary<string, string> { ["MaxResults"] = "maxResults", ["NextToken"] = "nextToken" },
        },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.DetectorIds);

    /// <summary>GET /detector/{DetectorId}: Status is ENABLED or DISABLED (suspended).</summary>
    public static readonly AwsOperation<GetDetectorRequest, GetDetectorResponse> GetDetector = new()
    {
        Service = Service, Name = "GetDetector", RequestType = Json.GetDetectorRequest, ResponseType = Json.GetDetectorResponse,
        HttpMethod = "GET", RequestUri = "/detector/{DetectorId}",
    };
}

public sealed record ListDetectorsRequest(int? MaxResults = null, string? NextToken = null);
public sealed record ListDetectorsResponse(
    [property: JsonPropertyName("detectorIds")] List<string>? DetectorIds,
    [property: JsonPropertyName("nextToken")] string? NextToken);

public sealed record GetDetectorRequest(string DetectorId);
public sealed record GetDetectorResponse(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("serviceRole")] string? ServiceRole,
    [property: JsonPropertyName("createdAt")] string? CreatedAt);
