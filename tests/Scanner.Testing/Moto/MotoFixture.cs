using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Protocols;
using Scanner.Demo;
using Xunit;

namespace Scanner.Testing;

/// <summary>
/// Starts moto once (failing, never skipping, when it is not installed) and hands out clients. Each test assembly
/// shares one through its own [CollectionDefinition] (xunit finds those only in the test assembly itself); a class that
/// waits long on retries or builds an organization of its own takes a private one as a class fixture. Test classes share
/// the server one after another (a collection never runs in parallel, so no locking), so state is seeded by key: a class asks
/// for the state it needs with <see cref="UseStateAsync{T}"/>, and the server is reset and reseeded only when
/// another class changed it in between.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public const string ManagementAccountId = "123456789012";

    /// <summary>The key of the demo organization as seeded and never written to.</summary>
    public const string SharedDemoKey = "demo";

    private string? _stateKey;
    private object? _state;
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto has not started.");

    public string Endpoint => Server.Endpoint;

    public static AWSCredentials DefaultCredentials { get; } = new BasicAWSCredentials("testing", "testing");

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The state seeded under <paramref name="key"/>, seeding it on a freshly reset server if it is not the current one.</summary>
    public async Task<T> UseStateAsync<T>(string key, Func<MotoFixture, Task<T>> seed)
        where T : class
    {
        if (_stateKey == key && _state is T current)
        {
            return current;
        }

        _stateKey = null;
        _state = null;
        await Server.ResetAsync();
        var state = await seed(this);
        (_stateKey, _state) = (key, state);
        return state;
    }

    /// <summary>
    /// The demo organization, seeded by its own write operations, under <paramref name="key"/>: by default the shared
    /// one that tests only read, so that classes one after another reuse it without a reset.
    /// </summary>
    public Task<DemoOrganizationInfo> UseDemoAsync(string key = SharedDemoKey) =>
        UseStateAsync(key, f => DemoOrganization.SeedAsync(f.Endpoint, CancellationToken.None));

    /// <summary>A demo organization of its own (reset and reseeded), for a test that publishes to it or changes it.</summary>
    public Task<DemoOrganizationInfo> FreshDemoAsync() => UseFreshStateAsync(f => DemoOrganization.SeedAsync(f.Endpoint, CancellationToken.None));

    /// <summary>
    /// State seeded on a freshly reset server under a key no other class asks for: for a test whose outcome depends on
    /// nothing having been done to the state before it (a first publish, say), whichever class ran before it.
    /// </summary>
    public Task<T> UseFreshStateAsync<T>(Func<MotoFixture, Task<T>> seed)
        where T : class => UseStateAsync($"fresh-{Guid.NewGuid():N}", seed);

    /// <summary>For a class that mutates the server freely: reset now and forget whatever was seeded.</summary>
    public async Task ResetAsync()
    {
        _stateKey = null;
        _state = null;
        await Server.ResetAsync();
    }

    public ProtocolClient Client(AwsServiceModel service, string region = "us-east-1", AWSCredentials? credentials = null)
        => new(credentials ?? DefaultCredentials, service, region, Endpoint);

    public AmazonSecurityTokenServiceClient Sts(string? endpoint = null) =>
        new(DefaultCredentials, new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint ?? Endpoint, AuthenticationRegion = "us-east-1" });

    /// <summary>Credentials that act as <paramref name="accountId"/>, the way the scanner gets them: AssumeRole.</summary>
    public async Task<AWSCredentials> AssumeAsync(string accountId, string roleName = "OrganizationComplianceAudit")
    {
        using var sts = Sts();
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{accountId}:role/{roleName}",
            RoleSessionName = "scanner-tests",
        });
        var c = response.Credentials;
        return new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
    }
}
