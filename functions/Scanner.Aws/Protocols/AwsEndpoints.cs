namespace Scanner.Aws.Protocols;

/// <summary>Where a request goes and which region it is signed for.</summary>
public sealed record ResolvedEndpoint(Uri Url, string SigningRegion);

/// <summary>
/// Endpoint rules for the services we call ourselves: regional hosts, the per-partition hosts of the global services
/// (IAM, Organizations), and one override URL for every service (AWS_ENDPOINT_URL, --endpoint-url) so the whole stack
/// runs against an emulator.
/// </summary>
public static class AwsEndpoints
{
    /// <summary>
    /// Global services live in one Region of each partition, and not the same one for every service: in aws-cn
    /// Organizations is in cn-northwest-1 while IAM is in cn-north-1. Taken from botocore's endpoint rule sets
    /// (botocore/data/iam/2010-05-08/endpoint-rule-set-1.json, organizations/2016-11-28/..., with partitions.json),
    /// for the standard, non-FIPS, IPv4 endpoints; the tests check each against what botocore resolves.
    /// </summary>
    private static readonly Dictionary<(string Service, string Partition), (string Host, string SigningRegion)> GlobalEndpoints = new()
    {
        [("iam", "aws")] = ("iam.amazonaws.com", "us-east-1"),
        [("iam", "aws-cn")] = ("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        [("iam", "aws-us-gov")] = ("iam.us-gov.amazonaws.com", "us-gov-west-1"),
        [("organizations", "aws")] = ("organizations.us-east-1.amazonaws.com", "us-east-1"),
        [("organizations", "aws-cn")] = ("organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        [("organizations", "aws-us-gov")] = ("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
    };

    public static string PartitionOf(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    public static ResolvedEndpoint Resolve(AwsServiceModel service, string region, string? endpointUrl)
    {
        ArgumentNullException.ThrowIfNull(service);
        var partition = PartitionOf(region);
        var suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        var (host, signingRegion) = !service.IsGlobal
            ? ($"{service.EndpointPrefix}.{region}.{suffix}", region)
            : GlobalEndpoints.TryGetValue((service.EndpointPrefix, partition), out var global)
                ? global
                : throw new NotSupportedException($"No endpoint is known for the global service {service.ServiceId} in the {partition} partition.");

        // An override (an emulator) changes where requests go, never which Region they are signed for.
        var url = string.IsNullOrWhiteSpace(endpointUrl) ? new Uri($"https://{host}") : new Uri(endpointUrl);
        return new ResolvedEndpoint(url, signingRegion);
    }
}
