using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>AWS Lambda (restJson1, regional).</summary>
public static class LambdaApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "Lambda",
        Protocol = WireProtocol.RestJson,
        SigningName = "lambda",
        EndpointPrefix = "lambda",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    public static readonly AwsPagedOperation<ListFunctionsRequest, ListFunctionsResponse, LambdaFunction> ListFunctions = new(
        new()
        {
            Service = Service, Name = "ListFunctions", RequestType = Json.ListFunctionsRequest, ResponseType = Json.ListFunctionsResponse,
            HttpMethod = "GET", RequestUri = "/2015-03-31/functions/",
            QueryMembers = new Dictionary<string, string> { ["Marker"] = "Marker", ["MaxItems"] = "MaxItems" },
        },
        (r, t) => r with { Marker = t }, r => r.NextMarker, r => r.Functions);
}

public sealed record ListFunctionsRequest(string? Marker = null, int? MaxItems = null);
public sealed record ListFunctionsResponse(List<LambdaFunction>? Functions, string? NextMarker);
/// <summary>A function as ListFunctions returns it (FunctionConfiguration in botocore's lambda model); environment variables are never read.</summary>
public sealed record LambdaFunction(
    string FunctionName,
    string FunctionArn,
    string? Runtime,
    string? LastModified,
    string? Description,
    string? Role = null,
    string? Handler = null,
    int? MemorySize = null,
    int? Timeout = null,
    string? Version = null,
    string? PackageType = null,
    List<string>? Architectures = null);
