using Scanner.Aws.Errors;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// Trails visible from the account's home region, organization (shadow) trails included, each with its
/// logging status read in the trail's own home region.
/// </summary>
public sealed class TrailCollector(AccountSession session, CollectionLog log)
{
    public async Task<IReadOnlyList<Trail>> CollectAsync(CancellationToken cancellationToken)
    {
        var described = await log.TryAsync(DataSource.CloudTrail, null, async () =>
            (await session.Client(CloudTrailApi.Service).SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), cancellationToken)).TrailList ?? [], null);
        if (described is null)
        {
            return [];
        }

        var trails = await Task.WhenAll(described
            .GroupBy(t => t.TrailArn, StringComparer.Ordinal).Select(g => g.First())
            .Select(async t =>
            {
                var home = t.HomeRegion ?? session.HomeRegion;
                bool? logging = null;
                try
                {
                    logging = (await session.Client(CloudTrailApi.Service, home).SendAsync(CloudTrailApi.GetTrailStatus, new GetTrailStatusRequest(t.TrailArn), cancellationToken)).IsLogging;
                }
                catch (AwsServiceException e)
                {
                    // Unknown status: the trail check neither passes nor fails on logging, and the gap says why.
                    log.Add(DataSource.CloudTrail, null, e);
                }

                return new Trail
                {
                    Name = t.Name,
                    Arn = t.TrailArn,
                    HomeRegion = home,
                    IsOrganizationTrail = t.IsOrganizationTrail,
                    IsMultiRegionTrail = t.IsMultiRegionTrail,
                    LogFileValidationEnabled = t.LogFileValidationEnabled,
                    IncludeGlobalServiceEvents = t.IncludeGlobalServiceEvents,
                    S3BucketName = t.S3BucketName,
                    KmsKeyId = t.KmsKeyId,
                    IsLogging = logging,
                };
            }));
        return [.. trails.OrderBy(t => t.Arn, StringComparer.Ordinal)];
    }
}
