namespace Scanner.Aws.Protocols;

/// <summary>Where a request goes and which region it is signed for.</summary>
public sealed record ResolvedEndpoint(Uri Url, string SigningRegion);

/// <summary>
/// Endpoint rules for the services we call ourselves: regional hosts, the per-partition global hosts of
/// IAM and Organizations, and one override URL for every service (AWS_ENDPOINT_URL, --endpoint-url) so the
/// whole stack runs against an emulator.
/// </summary>
public static class AwsEndpoints
{
    public static string PartitionOf(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    public static ResolvedEndpoint Resolve(AwsServiceModel service, string region, string? endpointUrl)
    {
        var partition = PartitionOf(region);
        var signingRegion = service.IsGlobal ? GlobalSigningRegion(partition) : region;
        if (!string.IsNullOrWhiteSpace(endpointUrl))
        {
            return new ResolvedEndpoint(new Uri(endpointUrl), signingRegion);
        }

        var suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        var host = (service.IsGlobal, service.EndpointPrefix, partition) switch
        {
            (true, "iam", "aws") => "iam.amazonaws.com",
            (true, "iam", "aws-us-gov") => "iam.us-gov.amazonaws.com",
            (true, _, _) => $"{service.EndpointPrefix}.{signingRegion}.{suffix}",
            _ => $"{service.EndpointPrefix}.{region}.{suffix}",
        };
        return new ResolvedEndpoint(new Uri($"https://{host}"), signingRegion);
    }

    /// <summary>Global services sign for their partition's home region.</summary>
    public static string GlobalSigningRegion(string partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };
}
