using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SQS;
using Scanner.Aws.Collectors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Policy;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>Builds each function's handler from its settings, once, in the init phase.</summary>
public static class FunctionComposition
{
    public static LambdaHandler Dispatcher(FunctionSettings settings, JsonLog log, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = Environment(settings, credentials);
        var organizationCredentials = environment.Credentials;
        if (settings.OrganizationReadRoleArn is { } readRole)
        {
            // A stack in a delegated-administrator account reads Organizations through a role in the management account.
            var sts = new AmazonSecurityTokenServiceClient(environment.Credentials, OfficialClients.Configure(new AmazonSecurityTokenServiceConfig(), environment.Region, environment.EndpointUrl));
            organizationCredentials = new AssumedRoleCredentials(sts, readRole, null);
        }

        var organizations = new ProtocolClient(organizationCredentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
        var sqs = new AmazonSQSClient(environment.Credentials, OfficialClients.Configure(new AmazonSQSConfig(), environment.Region, environment.EndpointUrl));
        var queue = settings.ScanQueueUrl ?? throw new ConfigurationException("SCAN_QUEUE_URL: required by the dispatcher.");
        var handler = new DispatchHandler(ct => new OrganizationReader(organizations, settings.AccountConcurrency).ReadAsync(ct), sqs, queue, log, TimeProvider.System, settings.ChangeQueueUrl, settings.ChangeScanQueueUrl);
        return handler.HandleAsync;
    }

    public static LambdaHandler AccountScanner(FunctionSettings settings, JsonLog log, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ScanPolicy policy;
        try
        {
            policy = ScanPolicy.Default.WithOverrides(new PolicySettings
            {
                ApprovedRegions = settings.ApprovedRegions,
                RequiredTags = settings.RequiredTags,
                AuditRoleName = settings.AuditRoleName,
                ExternalId = settings.ExternalId,
                MaxAccessKeyAgeDays = settings.MaxKeyAgeDays,
            }, "environment");
        }
        catch (PolicyException e)
        {
            throw new ConfigurationException(e.Message, e);
        }

        var environment = Environment(settings, credentials);
        var sessions = new AccountSessionFactory(environment, policy.AuditRoleName, policy.ExternalId);
        var collector = new AccountCollector(new CollectionOptions { RegionConcurrency = settings.RegionConcurrency }, TimeProvider.System);
        var publisher = new SecurityHubPublisher();
        var handler = new AccountScanHandler(
            scannerAccountId => new Aws.Scanning.AccountScanner(sessions, collector, policy, scannerAccountId),
            async (result, scannerAccountId, ct) =>
            {
                var scanPublisher = new ScanPublisher(sessions, publisher, scannerAccountId);
                var published = await scanPublisher.PublishAccountAsync(result, ct);
                await scanPublisher.PublishHealthAsync([published], ct);

                // A warm function scans account after account: keep no session (and its clients) beyond its account.
                sessions.Release(result.Account.Id);
                return published;
            },
            settings.AccountConcurrency,
            log,
            TimeProvider.System);
        return handler.HandleAsync;
    }

    private static AwsEnvironment Environment(FunctionSettings settings, AWSCredentials? credentials) => new()
    {
        Region = settings.Region,
        EndpointUrl = settings.EndpointUrl?.ToString(),
        Credentials = credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(),
    };
}
