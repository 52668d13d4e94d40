using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// The security baseline of one Region of an account: AWS Config's recorders, their status and the delivery channels;
/// whether Security Hub is enabled; GuardDuty's detectors. Each source is read once per Region and scan; a source that
/// fails is a gap for that source and Region only, and its state is left out rather than guessed. Config and Security
/// Hub are read only where they are judged (the approved Regions, see SecurityBaselineRegions); GuardDuty in every
/// enabled Region.
/// </summary>
public sealed class SecurityBaselineCollector(AccountSession session, CollectionLog log)
{
    /// <summary>What DescribeHub answers in an account and Region where Security Hub is not enabled.</summary>
    private const string NotSubscribed = "InvalidAccessException";

    /// <param name="region">The Region to read.</param>
    /// <param name="required">Whether Config and Security Hub must run there; when not, they are not read (and left out).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<(ConfigRegion? Config, SecurityHubRegion? SecurityHub, GuardDutyRegion? GuardDuty)> CollectAsync(string region, bool required, CancellationToken cancellationToken)
    {
        var config = required ? log.TryAsync<ConfigRegion?>(DataSource.Config, region, () => ConfigAsync(region, cancellationToken), null) : Task.FromResult<ConfigRegion?>(null);
        var hub = required ? log.TryAsync<SecurityHubRegion?>(DataSource.SecurityHub, region, () => SecurityHubAsync(region, cancellationToken), null) : Task.FromResult<SecurityHubRegion?>(null);
        var guardDuty = log.TryAsync<GuardDutyRegion?>(DataSource.GuardDuty, region, () => GuardDutyAsync(region, cancellationToken), null);
        return (await config, await hub, await guardDuty);
    }

    private async Task<ConfigRegion?> ConfigAsync(string region, CancellationToken cancellationToken)
    {
        var client = session.Client(ConfigServiceApi.Service, region);
        var recorders = (await client.SendAsync(ConfigServiceApi.DescribeConfigurationRecorders, new EmptyRequest(), cancellationToken)).ConfigurationRecorders ?? [];
        var statuses = (await client.SendAsync(ConfigServiceApi.DescribeConfigurationRecorderStatus, new EmptyRequest(), cancellationToken)).ConfigurationRecordersStatus ?? [];
        var channels = (await client.SendAsync(ConfigServiceApi.DescribeDeliveryChannels, new EmptyRequest(), cancellationToken)).DeliveryChannels ?? [];
        return new ConfigRegion(
            region,
            [.. recorders.Select(r =>
            {
                var status = statuses.FirstOrDefault(s => string.Equals(s.Name, r.Name, StringComparison.Ordinal));
                var group = r.RecordingGroup;
                return new ConfigRecorder
                {
                    Name = r.Name ?? "",
                    RecordsAllSupported = group?.AllSupported == true,
                    ResourceTypes = group?.ResourceTypes ?? [],
                    RecordingStrategy = group?.RecordingStrategy?.UseOnly,
                    ExcludedResourceTypes = group?.ExclusionByResourceTypes?.ResourceTypes ?? [],
                    Recording = status?.Recording == true,
                    LastStatus = status?.LastStatus,
                    LastErrorCode = status?.LastErrorCode,
                };
            })],
            [.. channels.Select(c => c.Name ?? "").Where(n => n.Length > 0)]);
    }

    private async Task<SecurityHubRegion?> SecurityHubAsync(string region, CancellationToken cancellationToken)
    {
        try
        {
            var hub = await session.Client(SecurityHubApi.Service, region).SendAsync(SecurityHubApi.DescribeHub, new DescribeHubRequest(), cancellationToken);
            return new SecurityHubRegion(region, true, hub.HubArn);
        }
        catch (AwsServiceException e) when (e.ErrorCode == NotSubscribed)
        {
            return new SecurityHubRegion(region, false, null);
        }
    }

    private async Task<GuardDutyRegion?> GuardDutyAsync(string region, CancellationToken cancellationToken)
    {
        var client = session.Client(GuardDutyApi.Service, region);
        var detectors = new List<GuardDutyDetector>();
        await foreach (var id in client.PaginateAsync(GuardDutyApi.ListDetectors, new ListDetectorsRequest(), cancellationToken))
        {
            var detector = await client.SendAsync(GuardDutyApi.GetDetector, new GetDetectorRequest(id), cancellationToken);
            detectors.Add(new GuardDutyDetector(id, detector.Status ?? "UNKNOWN"));
        }

        return new GuardDutyRegion(region, detectors);
    }
}
