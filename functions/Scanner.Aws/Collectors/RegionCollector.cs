using Amazon.EC2.Model;
using Scanner.Aws.Errors;
using Scanner.Aws.Sessions;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>The regions an account can use: those that need no opt-in, and opt-in regions it has opted into.</summary>
public static class RegionCollector
{
    public static async Task<IReadOnlyList<EnabledRegion>> CollectAsync(AccountSession session, CancellationToken cancellationToken)
    {
        DescribeRegionsResponse response;
        try
        {
            response = await session.Ec2().DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true }, cancellationToken);
        }
        catch (Exception e) when (AwsServiceException.IsCallFailure(e, cancellationToken))
        {
            throw AwsServiceException.From(e, "EC2", "DescribeRegions");
        }

        // Regions of other partitions cannot be reached with this partition's credentials.
        return [.. (response.Regions ?? [])
            .Where(r => Protocols.AwsEndpoints.PartitionOf(r.RegionName) == session.Partition)
            .Where(r => r.OptInStatus is "opt-in-not-required" or "opted-in" || string.IsNullOrEmpty(r.OptInStatus))
            .Select(r => new EnabledRegion(r.RegionName, string.IsNullOrEmpty(r.OptInStatus) ? "opt-in-not-required" : r.OptInStatus))
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
    }
}
