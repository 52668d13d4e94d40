namespace Scanner.Core.Checks;

using System.Globalization;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Resources;

/// <summary>Shared wording and building blocks, so every check names things the same way.</summary>
internal static class CheckText
{
    public const string StackNameTag = "aws:cloudformation:stack-name";

    public static string Account(OrganizationAccount account) =>
        string.IsNullOrWhiteSpace(account.Name) ? $"account {account.Id}" : $"account {account.Id} ({account.Name})";

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(int count, string singular, string plural) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString(CultureInfo.InvariantCulture)} {plural}";

    public static string Days(int days) => Count(days, "day", "days");

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>Whole days from one instant to another, never negative (a clock a little ahead is not a negative age).</summary>
    public static int WholeDays(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, (int)Math.Floor((to - from).TotalDays));

    public static bool IsGlobalRegion(string region) =>
        string.IsNullOrEmpty(region) || string.Equals(region, "global", StringComparison.Ordinal);

    /// <summary>Where a result about a resource is reported: its region, or the home region for global resources.</summary>
    public static string RegionOf(CloudResource resource, AccountInventory inventory) =>
        IsGlobalRegion(resource.Region) ? inventory.HomeRegion : resource.Region;

    /// <summary>How a person would name the resource: "EC2 instance 'i-0abc'", in the registry's words.</summary>
    public static string Describe(CloudResource resource) => resource.Type.IsKnown
        ? $"{resource.Type.Noun} '{resource.Id}'"
        : $"resource '{resource.Id}' of a type the scanner does not know ({ResourceTypeRegistry.ServiceAndKind(resource.Arn)})";

    /// <summary>
    /// One entry per ARN, in a stable order. The same resource can be listed by its own service and by the
    /// tagging API; two results for it would share a finding id, so they are merged here (tags united,
    /// the service's own listing preferred for details).
    /// </summary>
    public static IReadOnlyList<CloudResource> DistinctResources(AccountInventory inventory)
    {
        var merged = new Dictionary<string, CloudResource>(StringComparer.Ordinal);
        foreach (var resource in inventory.Resources)
        {
            if (!merged.TryGetValue(resource.Arn, out var existing))
            {
                merged[resource.Arn] = resource;
                continue;
            }

            var (primary, secondary) = IsTaggingSource(existing) && !IsTaggingSource(resource)
                ? (resource, existing)
                : (existing, resource);
            var tags = new Dictionary<string, string>(secondary.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in primary.Tags)
            {
                tags[key] = value;
            }

            merged[resource.Arn] = primary with { Tags = tags };
        }

        return [.. merged.Values.OrderBy(r => r.Arn, StringComparer.Ordinal)];
    }

    private static bool IsTaggingSource(CloudResource resource) =>
        string.Equals(resource.Source, DataSource.Tagging, StringComparison.Ordinal);

    public static bool HasGap(AccountInventory inventory, string service) =>
        inventory.Gaps.Any(g => string.Equals(g.Service, service, StringComparison.Ordinal));

    public static CheckResult Failed(
        this CheckMetadata metadata,
        AccountInventory inventory,
        Severity severity,
        string region,
        string resourceType,
        string resourceId,
        string title,
        string description,
        IReadOnlyDictionary<string, string>? details = null) => new()
        {
            CheckId = metadata.Id,
            AccountId = inventory.Account.Id,
            Region = region,
            ResourceType = resourceType,
            ResourceId = resourceId,
            Status = CheckStatus.Failed,
            Severity = severity,
            Title = title,
            Description = description,
            Remediation = metadata.Remediation,
            RemediationUrl = metadata.RemediationUrl,
            Details = details ?? new Dictionary<string, string>(),
        };

    /// <summary>A FAILED result about a resource: its ARN, its ASFF type from the registry, and its typed details.</summary>
    public static CheckResult Failed(
        this CheckMetadata metadata,
        AccountInventory inventory,
        Severity severity,
        CloudResource resource,
        string title,
        string description,
        IReadOnlyDictionary<string, string>? details = null) =>
        metadata.Failed(inventory, severity, RegionOf(resource, inventory), resource.Type.AsffType, resource.Arn, title, description, details)
            with
        { ResourceDetails = resource.Details };

    /// <summary>A PASSED result about a resource (see the FAILED one).</summary>
    public static CheckResult Passed(
        this CheckMetadata metadata, AccountInventory inventory, CloudResource resource, string title, string description) =>
        metadata.Failed(inventory, Severity.Informational, resource, title, description) with { Status = CheckStatus.Passed };

    /// <summary>A PASSED result; its severity is Informational, as Security Hub's own controls report passes.</summary>
    public static CheckResult Passed(
        this CheckMetadata metadata,
        AccountInventory inventory,
        string region,
        string resourceType,
        string resourceId,
        string title,
        string description,
        IReadOnlyDictionary<string, string>? details = null) =>
        metadata.Failed(inventory, Severity.Informational, region, resourceType, resourceId, title, description, details)
            with
        { Status = CheckStatus.Passed };
}
