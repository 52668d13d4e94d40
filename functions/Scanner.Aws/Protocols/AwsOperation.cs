using System.Text.Json.Serialization.Metadata;

namespace Scanner.Aws.Protocols;

/// <summary>
/// One operation described as data: its name, where it goes on the wire, and how its request and response
/// are (de)serialized. The protocol client does the rest, the same way for every operation.
/// </summary>
public sealed record AwsOperation<TRequest, TResponse>
{
    public required AwsServiceModel Service { get; init; }

    /// <summary>The operation name: the Query protocol's Action, the JSON protocol's target suffix.</summary>
    public required string Name { get; init; }

    public required JsonTypeInfo<TRequest> RequestType { get; init; }
    public required JsonTypeInfo<TResponse> ResponseType { get; init; }

    /// <summary>REST-JSON only: HTTP method.</summary>
    public string HttpMethod { get; init; } = "POST";

    /// <summary>
    /// REST-JSON only: the request URI. Members named in <see cref="QueryMembers"/> are sent as query
    /// parameters instead of in the body (GET requests have no body).
    /// </summary>
    public string RequestUri { get; init; } = "/";

    /// <summary>REST-JSON only: request members that go into the query string, request member name → query key.</summary>
    public IReadOnlyDictionary<string, string> QueryMembers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The IAM action that authorizes the call. For every operation here it is the service prefix and the operation
    /// name; the templates' grants are checked against these (tests/Scanner.Functions.Tests/Templates).
    /// </summary>
    public string IamAction => $"{Service.IamPrefix}:{Name}";

    /// <summary>Query protocol only: the XML element under the response that holds the result (ListUsersResult).</summary>
    public string ResultElement => Name + "Result";
}
