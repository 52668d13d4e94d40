using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Scanner.Aws.Errors;

namespace Scanner.Aws.Protocols;

/// <summary>
/// One client for every service AWSSDK has no package for here. It rides the SDK's own pipeline
/// (credentials, SigV4, retries, clock skew, error handling); what differs between operations is data
/// (<see cref="AwsOperation{TRequest, TResponse}"/>), and what differs between protocols is the marshaller.
/// </summary>
public sealed class ProtocolClient : AmazonServiceClient
{
    private readonly ProtocolServiceMetadata _metadata;

    /// <param name="credentials">Who signs.</param>
    /// <param name="service">The service's model.</param>
    /// <param name="region">The Region (endpoint and signing).</param>
    /// <param name="endpointUrl">One endpoint for every call (an emulator); null for AWS's.</param>
    /// <param name="sdkRetries">
    /// False for a caller that paces and retries its calls itself (the Security Hub publisher, which takes a rate-limit
    /// permit for every attempt): one retry layer, not the SDK's attempts inside each of the caller's.
    /// </param>
    public ProtocolClient(AWSCredentials credentials, AwsServiceModel service, string region, string? endpointUrl, bool sdkRetries = true)
        : base(credentials, new ProtocolClientConfig(service, region, endpointUrl) { MaxErrorRetry = sdkRetries ? ProtocolClientConfig.SdkRetries : 0 })
    {
        Service = service;
        Region = region;
        _metadata = new ProtocolServiceMetadata(service.ServiceId);
    }

    public AwsServiceModel Service { get; }

    public string Region { get; }

    protected override IServiceMetadata ServiceMetadata => _metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.AddHandlerAfter<Marshaller>(new ProtocolEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(AwsOperation<TRequest, TResponse> operation, TRequest input, CancellationToken cancellationToken)
    {
        if (operation.Service != Service)
        {
            throw new ArgumentException($"{operation.Name} belongs to {operation.Service.ServiceId}, not {Service.ServiceId}.", nameof(operation));
        }

        var request = new ProtocolRequest
        {
            Service = Service,
            OperationName = operation.Name,
            HttpMethod = operation.HttpMethod,
            RequestUri = operation.RequestUri,
            QueryMembers = operation.QueryMembers,
            Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input, operation.RequestType),
        };
        var options = new InvokeOptions
        {
            RequestMarshaller = ProtocolMarshaller.Instance,
            ResponseUnmarshaller = new ProtocolUnmarshaller(Service.Protocol, operation.ResultElement),
        };
        try
        {
            var response = await InvokeAsync<ProtocolResponse>(request, options, cancellationToken);
            return System.Text.Json.JsonSerializer.Deserialize(response.Json, operation.ResponseType)
                ?? throw new AwsServiceException(Service.ServiceId, operation.Name, "EmptyResponse", 200, null, "The response body was empty.");
        }
        catch (AmazonServiceException e)
        {
            throw AwsServiceException.From(e, Service.ServiceId, operation.Name);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AmazonClientException
            || (e is OperationCanceledException && AwsServiceException.IsCallFailure(e, cancellationToken)))
        {
            // Still failing after the SDK's retries: the connection (refused, reset, timed out). An AWS failure like any other,
            // which the collectors record as a gap; raw, it would end the whole organization's scan.
            throw AwsServiceException.From(e, Service.ServiceId, operation.Name);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException)
        {
            // A truncated or garbled answer is an AWS failure like any other (a gap in what the scan knows), not a crash of the scan.
            throw new AwsServiceException(Service.ServiceId, operation.Name, "MalformedResponse", 200, null, "The response could not be read: " + e.Message, e);
        }
    }

    private sealed class ProtocolServiceMetadata(string serviceId) : IServiceMetadata
    {
        public string ServiceId { get; } = serviceId;

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
