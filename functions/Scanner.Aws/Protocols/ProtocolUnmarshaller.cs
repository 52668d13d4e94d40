using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace Scanner.Aws.Protocols;

/// <summary>
/// Reads any response of our services into JSON, and any error into an AmazonServiceException with the
/// service's error code, so the SDK's retry policy recognises throttling and transient errors by code.
/// </summary>
internal sealed class ProtocolUnmarshaller(WireProtocol protocol, string resultElement) : ResponseUnmarshaller
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public override AmazonWebServiceResponse Unmarshall(UnmarshallerContext input)
    {
        var body = ReadBody(input);
        var json = protocol == WireProtocol.Query ? QueryXml.ResultToJson(body, resultElement)
            : body.Length == 0 ? EmptyObject : body;
        return new ProtocolResponse { Json = json };
    }

    public override AmazonServiceException UnmarshallException(UnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var body = ReadBody(input);
        string? code, message, requestId;
        if (protocol == WireProtocol.Query)
        {
            (code, message, requestId) = QueryXml.Error(body);
        }
        else
        {
            (code, message) = JsonError(body);
            code ??= input.ResponseData?.GetHeaderValue("x-amzn-ErrorType");
            requestId = input.ResponseData?.GetHeaderValue("x-amzn-RequestId");
        }

        code = NormalizeCode(code) ?? (statusCode == HttpStatusCode.TooManyRequests ? "TooManyRequestsException" : statusCode.ToString());
        var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message ?? code, innerException, type, code, requestId, statusCode);
    }

    protected override bool ShouldReadEntireResponse(IWebResponseData response, bool readEntireResponse) => true;

    protected override UnmarshallerContext ConstructUnmarshallerContext(Stream responseStream, bool maintainResponseBody, IWebResponseData response, bool isException)
        => ConstructUnmarshallerContext(responseStream, maintainResponseBody, response, isException, null);

    protected override UnmarshallerContext ConstructUnmarshallerContext(Stream responseStream, bool maintainResponseBody, IWebResponseData response, bool isException, IRequestContext? requestContext)
        => new RawUnmarshallerContext(responseStream, response, isException);

    private static byte[] ReadBody(UnmarshallerContext input) => ((RawUnmarshallerContext)input).ReadAll();

    /// <summary>JSON errors name their code in __type (awsJson) or code/Code (restJson), sometimes as "namespace#Code".</summary>
    private static (string? Code, string? Message) JsonError(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? Read(params string[] names)
            {
                foreach (var name in names)
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }

                return null;
            }

            return (Read("__type", "code", "Code"), Read("message", "Message", "errorMessage"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
