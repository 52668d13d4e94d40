using System.Text.Json.Serialization;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The writes the end-to-end tests need beyond the demo's seeding (<see cref="Scanner.Cli.Demo.SeedOperations"/>):
/// fixing a seeded problem and breaking it again. Described as data, like every other operation.
/// </summary>
public static class FixOperations
{
    public static readonly AwsOperation<UntagResourceRequest, EmptyResponse> UntagResource = new()
    {
        Service = OrganizationsApi.Service, Name = "UntagResource",
        RequestType = FixJsonContext.Default.UntagResourceRequest, ResponseType = AwsJsonContext.Default.EmptyResponse,
    };

    public static readonly AwsOperation<UserRequest, EmptyResponse> DeleteLoginProfile = new()
    {
        Service = IamApi.Service, Name = "DeleteLoginProfile",
        RequestType = AwsJsonContext.Default.UserRequest, ResponseType = AwsJsonContext.Default.EmptyResponse,
    };

    public static readonly AwsOperation<UserRequest, EmptyResponse> DeleteUser = new()
    {
        Service = IamApi.Service, Name = "DeleteUser",
        RequestType = AwsJsonContext.Default.UserRequest, ResponseType = AwsJsonContext.Default.EmptyResponse,
    };
}

public sealed record UntagResourceRequest(string ResourceId, List<string> TagKeys);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UntagResourceRequest))]
internal sealed partial class FixJsonContext : JsonSerializerContext;
