using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Scanner.Aws.Protocols;

/// <summary>
/// AWSSDK.Core configuration for one of our own service clients. Retries (standard mode, backoff with jitter,
/// throttling and 5xx), clock-skew correction and timeouts come from the SDK exactly as for its own clients.
/// </summary>
public sealed class ProtocolClientConfig : ClientConfig
{
    private static readonly DefaultConfiguration Standard = new()
    {
        Name = DefaultConfigurationMode.Standard,
        RetryMode = RequestRetryMode.Standard,
        ConnectTimeout = TimeSpan.FromSeconds(3.1),
        TlsNegotiationTimeout = TimeSpan.FromSeconds(3.1),
    };

    /// <summary>Retries after the first attempt, as for the official clients (OfficialClients).</summary>
    public const int SdkRetries = 5;

    private readonly AwsServiceModel _service;

    public ProtocolClientConfig(AwsServiceModel service, string region, string? endpointUrl)
        : base(new DefaultConfigurationProvider([Standard]))
    {
        _service = service;
        Endpoint = AwsEndpoints.Resolve(service, region, endpointUrl);
        RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        AuthenticationRegion = Endpoint.SigningRegion;
        AuthenticationServiceName = service.SigningName;
        ServiceId = service.ServiceId;
        EndpointProvider = new StaticEndpointProvider(Endpoint.Url.ToString());
        RetryMode = RequestRetryMode.Standard;
        MaxErrorRetry = SdkRetries;
    }

    public ResolvedEndpoint Endpoint { get; }

    public override string ServiceVersion => _service.ApiVersion ?? "";

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    public override string UserAgent => "org-compliance-scanner";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => new(Endpoint.Url.ToString());
}
