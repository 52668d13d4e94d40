namespace Scanner.Core.Checks;

using System.Text;

/// <summary>
/// Every check the scanner knows, listed by hand: Native AOT has no reflection to discover them, and a list a
/// reader can see is better anyway. Adding a check means adding it here.
/// </summary>
public static class CheckCatalog
{
    /// <summary>The checks that run against an account's inventory, ordered by id.</summary>
    public static IReadOnlyList<ICheck> Checks { get; } =
    [
        .. new ICheck[]
        {
            new LocalUserCheck(),
            new AccessKeyCheck(),
            new RootAccessKeyCheck(),
            new RootMfaCheck(),
            new RootAccessManagementCheck(),
            new ManagementAccountWorkloadCheck(),
            new OrganizationTrailCheck(),
            new ResourceOutsideApprovedRegionCheck(),
            new OptInRegionEnabledCheck(),
            new AccountMissingRequiredTagsCheck(),
            new ResourceMissingRequiredTagsCheck(),
            new RegionDenyGuardrailCheck(),
            new CloudTrailProtectionGuardrailCheck(),
            new IamUserCreationGuardrailCheck(),
            new LeaveOrganizationGuardrailCheck(),
            new ConfigRecorderCheck(),
            new SecurityHubEnabledCheck(),
            new GuardDutyEnabledCheck(),
            new DelegatedAdministratorCheck(),
            new OuPlacementCheck(),
        }.OrderBy(c => c.Metadata.Id, StringComparer.Ordinal),
    ];

    /// <summary>Metadata of every check, the runnable ones and scan.account-not-scanned, ordered by id.</summary>
    public static IReadOnlyList<CheckMetadata> All { get; } =
    [
        .. Checks.Select(c => c.Metadata)
            .Append(ScanHealth.AccountNotScannedDefinition)
            .OrderBy(m => m.Id, StringComparer.Ordinal),
    ];

    private static readonly Dictionary<string, CheckMetadata> MetadataById =
        All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, ICheck> ChecksById =
        Checks.ToDictionary(c => c.Metadata.Id, StringComparer.Ordinal);

    /// <summary>Ids of the checks that can be enabled in a policy (everything in <see cref="Checks"/>).</summary>
    public static IReadOnlyList<string> RunnableIds { get; } = [.. Checks.Select(c => c.Metadata.Id)];

    /// <summary>The metadata for an id (runnable checks and scan.account-not-scanned), or null.</summary>
    public static CheckMetadata? Find(string id) =>
        id is not null && MetadataById.TryGetValue(id, out var metadata) ? metadata : null;

    /// <summary>The runnable check with this id, or null.</summary>
    public static ICheck? FindCheck(string id) =>
        id is not null && ChecksById.TryGetValue(id, out var check) ? check : null;

    public static bool IsRunnable(string id) => id is not null && ChecksById.ContainsKey(id);

    /// <summary>"Medium–High" for graded checks, "High" otherwise.</summary>
    public static string SeverityRange(CheckMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.MinimumSeverity is { } minimum && minimum != metadata.Severity
            ? $"{minimum}–{metadata.Severity}"
            : metadata.Severity.ToString();
    }

    /// <summary>The README's check table: | Check | Severity | What it finds | Controls |, one row per check, by id.</summary>
    public static string RenderMarkdownTable()
    {
        var table = new StringBuilder();
        table.Append("| Check | Severity | What it finds | Controls |\n");
        table.Append("|---|---|---|---|\n");
        foreach (var metadata in All)
        {
            var controls = metadata.Controls.Count == 0 ? "—" : string.Join(", ", metadata.Controls);
            table.Append("| `").Append(metadata.Id).Append("` | ")
                .Append(SeverityRange(metadata)).Append(" | ")
                .Append(Cell(metadata.Description)).Append(" | ")
                .Append(Cell(controls)).Append(" |\n");
        }

        return table.ToString();
    }

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
}
