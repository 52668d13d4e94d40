using Amazon.Runtime;

namespace Scanner.Aws.Protocols;

/// <summary>The SDK pipeline's view of one of our requests: which operation, and its JSON-serialized input.</summary>
internal sealed class ProtocolRequest : AmazonWebServiceRequest
{
    public required AwsServiceModel Service { get; init; }
    public required string OperationName { get; init; }
    public required string HttpMethod { get; init; }
    public required string RequestUri { get; init; }
    public required IReadOnlyDictionary<string, string> QueryMembers { get; init; }
    public required byte[] Body { get; init; }
}

/// <summary>A response body, already turned into JSON whatever the wire format was.</summary>
internal sealed class ProtocolResponse : AmazonWebServiceResponse
{
    public byte[] Json { get; init; } = [];
}
