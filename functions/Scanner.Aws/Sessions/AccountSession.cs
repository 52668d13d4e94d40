using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Sessions;

/// <summary>
/// Access to one account: its credentials and one client per (service, region), created on first use
/// and reused for the rest of the scan.
/// </summary>
public sealed class AccountSession : IDisposable
{
    private readonly ConcurrentDictionary<(string Service, string Region, bool SdkRetries), Lazy<ProtocolClient>> _clients = new();
    private readonly ConcurrentDictionary<string, Lazy<AmazonEC2Client>> _ec2 = new(StringComparer.Ordinal);

    public AccountSession(string accountId, AWSCredentials credentials, AwsEnvironment environment)
    {
        AccountId = accountId;
        Credentials = credentials;
        Environment = environment;
    }

    public string AccountId { get; }

    public AWSCredentials Credentials { get; }

    public AwsEnvironment Environment { get; }

    public string HomeRegion => Environment.Region;

    public string Partition => Environment.Partition;

    /// <summary>A client whose failed calls the SDK retries (throttling, 5xx, connection errors).</summary>
    public ProtocolClient Client(AwsServiceModel service, string? region = null) => Client(service, region ?? HomeRegion, sdkRetries: true);

    /// <summary>A client for a caller that paces and retries its calls itself: the SDK makes one attempt per call.</summary>
    public ProtocolClient PacedClient(AwsServiceModel service, string? region = null) => Client(service, region ?? HomeRegion, sdkRetries: false);

    private ProtocolClient Client(AwsServiceModel service, string region, bool sdkRetries) =>
        _clients.GetOrAdd((service.ServiceId, region, sdkRetries), key => new Lazy<ProtocolClient>(
            () => new ProtocolClient(Credentials, service, key.Region, Environment.EndpointUrl, key.SdkRetries))).Value;

    public AmazonEC2Client Ec2(string? region = null)
    {
        var r = region ?? HomeRegion;
        return _ec2.GetOrAdd(r, key => new Lazy<AmazonEC2Client>(() => new AmazonEC2Client(Credentials, OfficialClients.Configure(new AmazonEC2Config(), key, Environment.EndpointUrl)))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var client in _ec2.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
