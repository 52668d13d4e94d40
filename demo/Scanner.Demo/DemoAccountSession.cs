using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Protocols;

namespace Scanner.Demo;

/// <summary>
/// The demo's clients for one account of the emulator: protocol clients by service and region, and EC2 through the
/// official SDK. moto picks the account from the access key and the region from the signature's credential scope,
/// so every client is signed for the region it means.
/// </summary>
internal sealed class DemoAccountSession(string endpoint, AWSCredentials credentials) : IDisposable
{
    private readonly Dictionary<(string Service, string Region), ProtocolClient> _clients = [];
    private readonly Dictionary<string, AmazonEC2Client> _ec2 = new(StringComparer.Ordinal);

    public AWSCredentials Credentials { get; } = credentials;

    /// <summary>Assumes a role in a member account the way the scanner does (moto lets any role be assumed).</summary>
    public static async Task<DemoAccountSession> AssumeAsync(string endpoint, string accountId, string roleName, CancellationToken ct)
    {
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials("testing", "testing"),
            new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = DemoOrganization.HomeRegion });
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{accountId}:role/{roleName}",
            RoleSessionName = "org-scanner-demo",
        }, ct);
        var c = response.Credentials;
        return new DemoAccountSession(endpoint, new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
    }

    public ProtocolClient Client(AwsServiceModel service, string region)
    {
        if (!_clients.TryGetValue((service.ServiceId, region), out var client))
        {
            client = new ProtocolClient(Credentials, service, region, endpoint);
            _clients[(service.ServiceId, region)] = client;
        }

        return client;
    }

    public AmazonEC2Client Ec2(string region)
    {
        if (!_ec2.TryGetValue(region, out var client))
        {
            client = new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = endpoint, AuthenticationRegion = region });
            _ec2[region] = client;
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var client in _ec2.Values)
        {
            client.Dispose();
        }
    }
}
