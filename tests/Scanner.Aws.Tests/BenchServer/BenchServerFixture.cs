using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;

namespace Scanner.Aws.Tests.BenchServer;

/// <summary>
/// The scale benchmark's loopback AWS emulator, in this process, serving a small synthetic organization that still has
/// every kind of account the generator makes: OUs two deep, accounts with and without tags, one opted into an opt-in
/// region, one with a user newer than its credential report, the management account with the organization trail.
/// </summary>
public sealed class BenchServerFixture : IAsyncLifetime
{
    /// <summary>Accounts 0–11: index 4 opts into eu-south-1, 5 has no tags, 7 has a user the credential report does not list.</summary>
    public const int Accounts = 12;

    private Scanner.Bench.Server.BenchServer? _server;

    public Scanner.Bench.Server.BenchServer Server => _server ?? throw new InvalidOperationException("The bench server has not started.");

    public SyntheticOrganization Organization => Server.Organization;

    public async Task InitializeAsync()
        => _server = await Scanner.Bench.Server.BenchServer.StartAsync(new BenchServerOptions { Organization = OrganizationGenerator.Generate(Accounts) });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The scanner's environment: every client pointed at the server, credentials that name the management account.</summary>
    public AwsEnvironment Environment => new()
    {
        Region = "us-east-1",
        EndpointUrl = Server.Endpoint,
        Credentials = new BasicAWSCredentials("AKIA" + OrganizationGenerator.ManagementAccountId + "TEST", "bench-secret"),
    };
}

/// <summary>Classes that use the bench server run one after another: they reset its ledger and change its throttling.</summary>
[CollectionDefinition(Name)]
public sealed class BenchServerCollection : ICollectionFixture<BenchServerFixture>
{
    public const string Name = "bench-server";
}
