namespace Scanner.Core.Checks;

using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;

/// <summary>What a resource in the management account is, for org.management-account-workload.</summary>
internal enum Verdict
{
    Baseline,
    Workload,
    UnrecognisedBucket,
    UnknownType,
}

/// <summary>
/// The management account's baseline, as one account's inventory and policy describe it: the organization trail's
/// buckets, the scanner's stack, the baseline name patterns and the policy's workload types.
/// </summary>
internal sealed class ManagementAccountBaseline(AccountInventory inventory, AccountPolicy policy)
{
    private readonly HashSet<string> trailBuckets = inventory.Trails
        .Select(t => t.S3BucketName)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    private readonly string[] patterns = [.. policy.ManagementAccount.AllBaselineNamePatterns];

    private readonly HashSet<string> workloadTypes = new(policy.ManagementAccount.WorkloadTypes, StringComparer.Ordinal);

    public Verdict Judge(CloudResource resource)
    {
        if (BelongsToBaseline(resource))
        {
            return Verdict.Baseline;
        }

        if (resource.Type.CloudFormationType is { } type && workloadTypes.Contains(type))
        {
            return Verdict.Workload;
        }

        return resource.Type.Role switch
        {
            ResourceRole.Workload => Verdict.Workload,
            ResourceRole.Storage => trailBuckets.Contains(resource.Id) ? Verdict.Baseline : Verdict.UnrecognisedBucket,
            ResourceRole.Unknown => Verdict.UnknownType,
            _ => Verdict.Baseline,
        };
    }

    /// <summary>The scanner's own stack, or a baseline name on the resource or on its stack.</summary>
    private bool BelongsToBaseline(CloudResource resource)
    {
        var stack = resource.Tags.TryGetValue(CheckText.StackNameTag, out var name) ? name : null;
        if (string.Equals(stack, policy.ScannerStackName, StringComparison.Ordinal)
            || (resource.Type == ResourceTypeRegistry.CloudFormationStack && string.Equals(resource.Id, policy.ScannerStackName, StringComparison.Ordinal)))
        {
            return true;
        }

        return patterns.Any(p => ManagementAccountPolicy.Matches(p, resource.Id) || (stack is not null && ManagementAccountPolicy.Matches(p, stack)));
    }
}
