using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SQS;
using Scanner.Aws.Collectors;
using Scanner.Aws.Policy;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// Builds each function's handler from its settings, once, in the init phase; only wiring. The policy is read here
/// (a bad one fails the init) and again, by ETag, at each invocation.
/// </summary>
public static class FunctionComposition
{
    public static async Task<LambdaHandler> DispatcherAsync(FunctionSettings settings, JsonLog log, AWSCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = Environment(settings, credentials);
        var policy = Policy(settings, environment);
        await policy.CurrentAsync(cancellationToken);
        var organizationCredentials = environment.Credentials;
        if (settings.OrganizationReadRoleArn is { } readRole)
        {
            // A stack in a delegated-administrator account reads Organizations through a role in the management account.
            var sts = new AmazonSecurityTokenServiceClient(environment.Credentials, OfficialClients.Configure(new AmazonSecurityTokenServiceConfig(), environment.Region, environment.EndpointUrl));
            organizationCredentials = new AssumedRoleCredentials(sts, readRole, null);
        }

        var organizations = new ProtocolClient(organizationCredentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        var iam = new ProtocolClient(organizationCredentials, IamApi.Service, environment.Region, environment.EndpointUrl);
        var sqs = new AmazonSQSClient(environment.Credentials, OfficialClients.Configure(new AmazonSQSConfig(), environment.Region, environment.EndpointUrl));
        var queue = settings.ScanQueueUrl ?? throw new ConfigurationException("SCAN_QUEUE_URL: required by the dispatcher.");
        var publisher = new SecurityHubPublisher();
        var handler = new DispatchHandler(
            (reads, ct) => new OrganizationReader(organizations, iam, settings.AccountConcurrency).ReadAsync(reads, ct), sqs, queue, log, TimeProvider.System,
            (scannerAccountId, ct) => publisher.ReadScanHealthAsync(new AccountSession(scannerAccountId, environment.Credentials, environment), environment.Region, ct),
            settings.ChangeQueueUrl,
            settings.ChangeScanQueueUrl);

        // A policy replaced by one that is not valid stops the dispatch (nothing is queued) and fails the invocation.
        return async (context, payload, ct) =>
        {
            await policy.CurrentAsync(ct);
            return await handler.HandleAsync(context, payload, ct);
        };
    }

    public static async Task<LambdaHandler> AccountScannerAsync(FunctionSettings settings, JsonLog log, AWSCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = Environment(settings, credentials);
        var policy = Policy(settings, environment);
        await policy.CurrentAsync(cancellationToken);
        var sessions = new AccountSessionFactory(environment, settings.AuditRoleName, settings.ExternalId);
        var collector = new AccountCollector(new CollectionOptions { RegionConcurrency = settings.RegionConcurrency }, TimeProvider.System);
        var handler = new AccountScanHandler(
            async (scannerAccountId, ct) =>
            {
                // The policy is re-checked at each invocation, and with it how often unchanged findings are refreshed.
                var current = await policy.CurrentAsync(ct);
                return new AccountScanPipeline(
                    new Aws.Scanning.AccountScanner(sessions, collector, current, scannerAccountId),
                    new ScanPublisher(sessions, new SecurityHubPublisher(PublisherOptions.For(current)), scannerAccountId),
                    TimeProvider.System);
            },
            settings.AccountConcurrency,
            log,
            TimeProvider.System);
        return handler.HandleAsync;
    }

    private static FunctionPolicy Policy(FunctionSettings settings, AwsEnvironment environment) =>
        new(settings, settings.PolicyUri is { } uri ? new S3PolicyDocument(S3PolicyDocument.Client(environment), uri) : null);

    private static AwsEnvironment Environment(FunctionSettings settings, AWSCredentials? credentials) => new()
    {
        Region = settings.Region,
        EndpointUrl = settings.EndpointUrl?.ToString(),
        Credentials = credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(),
    };
}
