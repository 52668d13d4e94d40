using Amazon.EC2.Model;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Resources;

namespace Scanner.Aws.Collectors;

/// <summary>
/// What runs in one region: EC2 instances and Lambda functions asked for directly (they are what a workload
/// is, tagged or not), and everything else the tagging API lists. Each service is asked once per region;
/// a failure becomes a gap for that (service, region) and the others go on.
/// </summary>
public sealed class RegionalResourceCollector(AccountSession session, CollectionLog log)
{

    public async Task<IReadOnlyList<CloudResource>> CollectAsync(string region, CancellationToken cancellationToken)
    {
        var instances = log.TryAsync(DataSource.Ec2, region, () => InstancesAsync(region, cancellationToken), []);
        var functions = log.TryAsync(DataSource.Lambda, region, () => FunctionsAsync(region, cancellationToken), []);
        var tagged = log.TryAsync(DataSource.Tagging, region, () => TaggedAsync(region, cancellationToken), []);
        await Task.WhenAll(instances, functions, tagged);

        // The tagging API knows tags; the direct calls know what exists. Merge on ARN.
        var tags = (await tagged).ToDictionary(r => r.Arn, StringComparer.Ordinal);
        var merged = new Dictionary<string, CloudResource>(StringComparer.Ordinal);
        foreach (var resource in (await instances).Concat(await functions))
        {
            merged[resource.Arn] = tags.TryGetValue(resource.Arn, out var t) && resource.Tags.Count == 0 ? resource with { Tags = t.Tags } : resource;
        }

        // The tagging API also returns resources deleted a while ago (a terminated instance's ARN lingers for hours):
        // of a type a direct call listed, only what that call saw exists.
        bool Listed(string source) => !log.Gaps.Any(g => g.Service == source && g.Region == region);
        var listedTypes = new HashSet<ResourceType>();
        if (Listed(DataSource.Ec2))
        {
            listedTypes.Add(ResourceTypeRegistry.Ec2Instance);
        }

        if (Listed(DataSource.Lambda))
        {
            listedTypes.Add(ResourceTypeRegistry.LambdaFunction);
        }

        foreach (var resource in tags.Values.Where(r => !listedTypes.Contains(r.Type)))
        {
            merged.TryAdd(resource.Arn, resource);
        }

        return [.. merged.Values.OrderBy(r => r.Arn, StringComparer.Ordinal)];
    }

    private async Task<List<CloudResource>> InstancesAsync(string region, CancellationToken ct)
    {
        var ec2 = session.Ec2(region);
        var list = new List<CloudResource>();
        string? token = null;
        do
        {
            DescribeInstancesResponse page;
            try
            {
                page = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { NextToken = token, MaxResults = 1000 }, ct);
            }
            catch (Exception e) when (AwsServiceException.IsCallFailure(e, ct))
            {
                throw AwsServiceException.From(e, "EC2", "DescribeInstances");
            }

            foreach (var instance in (page.Reservations ?? []).SelectMany(r => r.Instances ?? []))
            {
                var state = instance.State?.Name?.Value;
                if (state is "terminated" or "shutting-down")
                {
                    continue;
                }

                list.Add(new CloudResource
                {
                    Arn = $"arn:{session.Partition}:ec2:{region}:{session.AccountId}:instance/{instance.InstanceId}",
                    Region = region,
                    Source = DataSource.Ec2,
                    Tags = (instance.Tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal),
                    Details = new Ec2InstanceDetails
                    {
                        InstanceType = instance.InstanceType?.Value,
                        State = state,
                        LaunchedAt = instance.LaunchTime is { } launched ? new DateTimeOffset(launched.ToUniversalTime(), TimeSpan.Zero) : null,
                        ImageId = instance.ImageId,
                        KeyName = instance.KeyName,
                        IamInstanceProfileArn = instance.IamInstanceProfile?.Arn,
                        VpcId = instance.VpcId,
                        SubnetId = instance.SubnetId,
                        PrivateIpAddresses = instance.PrivateIpAddress is { Length: > 0 } ip ? [ip] : [],
                    },
                });
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return list;
    }

    private async Task<List<CloudResource>> FunctionsAsync(string region, CancellationToken ct)
    {
        var list = new List<CloudResource>();
        await foreach (var function in session.Client(LambdaApi.Service, region).PaginateAsync(LambdaApi.ListFunctions, new ListFunctionsRequest(), ct))
        {
            list.Add(new CloudResource
            {
                Arn = function.FunctionArn,
                Region = region,
                Source = DataSource.Lambda,
                Details = new LambdaFunctionDetails
                {
                    FunctionName = function.FunctionName,
                    Runtime = function.Runtime,
                    Role = function.Role,
                    Handler = function.Handler,
                    LastModified = function.LastModified,
                    MemorySize = function.MemorySize,
                    Timeout = function.Timeout,
                    Version = function.Version,
                    PackageType = function.PackageType,
                    Architectures = function.Architectures ?? [],
                },
            });
        }

        return list;
    }

    private async Task<List<CloudResource>> TaggedAsync(string region, CancellationToken ct)
    {
        var list = new List<CloudResource>();
        await foreach (var mapping in session.Client(TaggingApi.Service, region).PaginateAsync(TaggingApi.GetResources, new GetResourcesRequest(ResourcesPerPage: 100), ct))
        {
            list.Add(FromTagging(mapping, region));
        }

        return list;
    }

    /// <summary>A resource the tagging API listed in <paramref name="region"/>: its type and id come from the ARN, through the registry.</summary>
    public static CloudResource FromTagging(ResourceTagMapping mapping, string region)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new CloudResource
        {
            Arn = mapping.ResourceARN,
            Region = region,
            Source = DataSource.Tagging,
            Tags = (mapping.Tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal),
        };
    }
}
