using Amazon;
using Amazon.Runtime;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Sessions;

/// <summary>The same region, retry mode and endpoint override for the official SDK clients as for ours.</summary>
public static class OfficialClients
{
    public static T Configure<T>(T config, string region, string? endpointUrl)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = ProtocolClientConfig.SdkRetries;
        if (string.IsNullOrWhiteSpace(endpointUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            // ServiceURL replaces endpoint resolution; the region still decides how requests are signed.
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
