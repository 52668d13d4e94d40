using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Scanner.Aws.Protocols;

/// <summary>Builds the HTTP request for any operation of any of our services, by protocol.</summary>
internal sealed class ProtocolMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly ProtocolMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = (ProtocolRequest)input;
        var http = new DefaultRequest(request, request.Service.ServiceId);
        switch (request.Service.Protocol)
        {
            case WireProtocol.Json:
                http.HttpMethod = "POST";
                http.ResourcePath = "/";
                http.Headers["Content-Type"] = "application/x-amz-json-" + request.Service.JsonVersion;
                http.Headers["X-Amz-Target"] = request.Service.TargetPrefix + "." + request.OperationName;
                http.Content = request.Body;
                break;
            case WireProtocol.Query:
                http.HttpMethod = "POST";
                http.ResourcePath = "/";
                http.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
                http.Content = Encoding.UTF8.GetBytes(QueryBody(request));
                break;
            case WireProtocol.RestJson:
                MarshallRest(request, http);
                break;
            default:
                throw new NotSupportedException($"Protocol {request.Service.Protocol} is not supported.");
        }

        return http;
    }

    /// <summary>awsQuery: Action, Version, then the input flattened (lists as Name.member.N, structures as Name.Member).</summary>
    internal static string QueryBody(ProtocolRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", request.OperationName),
            new("Version", request.Service.ApiVersion ?? ""),
        };
        Flatten(JsonNode.Parse(request.Body), "", parameters);
        return string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static void Flatten(JsonNode? node, string prefix, List<KeyValuePair<string, string>> into)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Flatten(child, prefix.Length == 0 ? name : prefix + "." + name, into);
                }

                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], prefix + ".member." + (i + 1).ToString(CultureInfo.InvariantCulture), into);
                }

                return;
            case JsonValue value:
                into.Add(new(prefix, ScalarText(value)));
                return;
        }
    }

    /// <summary>restJson1: members bound to the path or query string leave the body; GET and DELETE carry none.</summary>
    private static void MarshallRest(ProtocolRequest request, DefaultRequest http)
    {
        http.HttpMethod = request.HttpMethod;
        var body = JsonNode.Parse(request.Body) as JsonObject ?? [];
        var path = new StringBuilder();
        var uri = request.RequestUri;
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        var pathTemplate = queryStart < 0 ? uri : uri[..queryStart];
        foreach (var segment in pathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append('/');
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var member = segment[1..^1].TrimEnd('+');
                var value = body[member] is JsonValue v ? ScalarText(v) : throw new ArgumentException($"{request.OperationName}: path member {member} is required.");
                body.Remove(member);
                path.Append(Uri.EscapeDataString(value));
            }
            else
            {
                path.Append(segment);
            }
        }

        // Keep the model's trailing slash (Lambda's ListFunctions is GET /2015-03-31/functions/).
        if (pathTemplate.Length > 1 && pathTemplate.EndsWith('/'))
        {
            path.Append('/');
        }

        http.ResourcePath = path.Length == 0 ? "/" : path.ToString();
        foreach (var (member, key) in request.QueryMembers)
        {
            if (body[member] is JsonValue value)
            {
                http.AddSubResource(key, ScalarText(value));
            }

            body.Remove(member);
        }

        if (request.HttpMethod is "GET" or "DELETE")
        {
            return;
        }

        http.Headers["Content-Type"] = "application/json";
        http.Content = Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static string ScalarText(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
