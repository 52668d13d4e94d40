using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Scanner.Aws.Sessions;

/// <summary>
/// Where the scanner itself runs: its home region, its own credentials, and the one endpoint override that
/// points every client (ours and the official ones) at an emulator.
/// </summary>
public sealed record AwsEnvironment
{
    public required string Region { get; init; }

    /// <summary>AWS_ENDPOINT_URL or --endpoint-url; null for real AWS.</summary>
    public string? EndpointUrl { get; init; }

    public required AWSCredentials Credentials { get; init; }

    public string Partition => Protocols.AwsEndpoints.PartitionOf(Region);

    /// <summary>The SDK's default chain (environment, profile, container, instance), or a named profile.</summary>
    public static AwsEnvironment FromDefaults(string? region, string? profile, string? endpointUrl)
    {
        var resolvedRegion = region
            ?? Environment.GetEnvironmentVariable("AWS_REGION")
            ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")
            ?? "us-east-1";
        AWSCredentials credentials;
        if (!string.IsNullOrEmpty(profile))
        {
            var chain = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain();
            if (!chain.TryGetAWSCredentials(profile, out credentials))
            {
                throw new ArgumentException($"--profile: no AWS profile named '{profile}' was found in the shared config or credentials file.");
            }
        }
        else
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }

        return new AwsEnvironment
        {
            Region = resolvedRegion,
            EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") : endpointUrl,
            Credentials = credentials,
        };
    }
}
