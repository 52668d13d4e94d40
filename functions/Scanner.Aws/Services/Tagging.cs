using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>Resource Groups Tagging API (awsJson1_1, regional; host tagging.{region}).</summary>
public static class TaggingApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "Resource Groups Tagging API",
        Protocol = WireProtocol.Json,
        SigningName = "tagging",
        IamPrefix = "tag",
        EndpointPrefix = "tagging",
        TargetPrefix = "ResourceGroupsTaggingAPI_20170126",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    public static readonly AwsPagedOperation<GetResourcesRequest, GetResourcesResponse, ResourceTagMapping> GetResources = new(
        new() { Service = Service, Name = "GetResources", RequestType = Json.GetResourcesRequest, ResponseType = Json.GetResourcesResponse },
        (r, t) => r with { PaginationToken = t }, r => r.PaginationToken, r => r.ResourceTagMappingList);
}

public sealed record GetResourcesRequest(string? PaginationToken = null, int? ResourcesPerPage = null, List<string>? ResourceTypeFilters = null);
public sealed record GetResourcesResponse(List<ResourceTagMapping>? ResourceTagMappingList, string? PaginationToken);
public sealed record ResourceTagMapping(string ResourceARN, List<AwsTag>? Tags);
