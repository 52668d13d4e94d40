using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Bench;

/// <summary>How hard a scan pushes: accounts, regions within an account, IAM users within an account, account tags.</summary>
internal sealed record ScanSettings(int AccountConcurrency, int RegionConcurrency, int IamConcurrency, int OrganizationConcurrency)
{
    public static readonly ScanSettings Sequential = new(1, 1, 1, 1);
}

/// <summary>What one scan took.</summary>
internal sealed record ScanMeasurement
{
    public required TimeSpan OrganizationRead { get; init; }
    public required TimeSpan AccountScans { get; init; }
    public TimeSpan Total => OrganizationRead + AccountScans;
    public required TimeSpan CpuTime { get; init; }
    public required OrganizationSnapshot Organization { get; init; }
    public required IReadOnlyList<AccountScanResult> Results { get; init; }
}

/// <summary>
/// Runs the scan the CLI runs, without publishing: who am I (STS), read the organization (OrganizationReader), then
/// scan every ACTIVE account (OrganizationScan over AccountScanner: assume the audit role, collect, evaluate).
/// </summary>
internal static class ScanHarness
{
    /// <summary>The policy of the benchmark: the organization's three approved Regions and two required tags, so every check family has work.</summary>
    public static readonly ScanPolicy Policy = ScanPolicy.Default with
    {
        ApprovedRegions = [.. OrganizationGenerator.ApprovedRegions],
        RequiredTags = ["owner", "cost-center"],
    };

    /// <summary>The scanner's own credentials: an access key id that names the management account to the bench server.</summary>
    public static AwsEnvironment Environment(string endpoint) => new()
    {
        Region = AwsRegions.Home,
        EndpointUrl = endpoint,
        Credentials = new BasicAWSCredentials("AKIA" + OrganizationGenerator.ManagementAccountId + "SCAN", "bench-secret-key"),
    };

    /// <param name="sample">Scan only these accounts (after reading the whole organization); null: every ACTIVE account.</param>
    public static async Task<ScanMeasurement> RunAsync(string endpoint, ScanSettings settings, Func<IReadOnlyList<OrganizationAccount>, IReadOnlyList<OrganizationAccount>>? sample, CancellationToken cancellationToken)
    {
        var environment = Environment(endpoint);
        using var sessions = new AccountSessionFactory(environment, Policy.AuditRoleName, Policy.ExternalId);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        var scannerAccountId = await CallerAccountAsync(environment, cancellationToken);
        OrganizationSnapshot organization;
        using (var client = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl))
        using (var iam = new ProtocolClient(environment.Credentials, IamApi.Service, environment.Region, environment.EndpointUrl))
        {
            organization = await new OrganizationReader(client, iam, settings.OrganizationConcurrency).ReadAsync(cancellationToken);
        }

        var organizationRead = clock.Elapsed;
        var accounts = organization.Accounts.Where(a => a.Status == "ACTIVE").ToList();
        var scanned = sample?.Invoke(accounts) ?? accounts;
        var results = await Scan(sessions, settings, scannerAccountId).RunAsync(scanned, null, null, cancellationToken);
        var total = clock.Elapsed;
        return new ScanMeasurement
        {
            OrganizationRead = organizationRead,
            AccountScans = total - organizationRead,
            CpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu,
            Organization = organization,
            Results = results,
        };
    }

    public static OrganizationScan Scan(AccountSessionFactory sessions, ScanSettings settings, string scannerAccountId)
    {
        var collector = new AccountCollector(
            new CollectionOptions { RegionConcurrency = settings.RegionConcurrency, IamConcurrency = settings.IamConcurrency },
            TimeProvider.System);
        return new OrganizationScan(new AccountScanner(sessions, collector, Policy, scannerAccountId), settings.AccountConcurrency);
    }

    /// <summary>Scans a few accounts straight from the definition, so that the measured run does not pay for the JIT.</summary>
    public static async Task WarmUpAsync(string endpoint, SyntheticOrganization organization, ScanSettings settings, int accounts, CancellationToken cancellationToken)
    {
        var environment = Environment(endpoint);
        using var sessions = new AccountSessionFactory(environment, Policy.AuditRoleName, Policy.ExternalId);
        var scannerAccountId = await CallerAccountAsync(environment, cancellationToken);
        using (var client = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl))
        {
            await client.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), cancellationToken);
            await foreach (var _ in client.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(organization.ManagementAccountId), cancellationToken))
            {
            }
        }

        var sample = organization.Accounts.Take(accounts).Select(a => ExpectedInventory.Account(organization, a)).ToList();
        await Scan(sessions, settings, scannerAccountId).RunAsync(sample, null, null, cancellationToken);
    }

    public static async Task<string> CallerAccountAsync(AwsEnvironment environment, CancellationToken cancellationToken)
    {
        using var sts = new AmazonSecurityTokenServiceClient(environment.Credentials,
            OfficialClients.Configure(new AmazonSecurityTokenServiceConfig(), environment.Region, environment.EndpointUrl));
        return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
    }
}
