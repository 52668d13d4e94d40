namespace Scanner.Demo;

/// <summary>What <c>DemoOrganization.SeedAsync</c> built: ids to point the scanner at, and the demo's policy.</summary>
public sealed record DemoOrganizationInfo
{
    public required string Endpoint { get; init; }
    public required string OrganizationId { get; init; }
    public required string ManagementAccountId { get; init; }
    public required string RootId { get; init; }

    /// <summary>Account id by demo name: "management", "security-tooling", "payments-prod", …</summary>
    public required IReadOnlyDictionary<string, string> AccountIds { get; init; }

    /// <summary>OU id by path from the root: "Security", "Workloads", "Workloads/Production", …</summary>
    public required IReadOnlyDictionary<string, string> OrganizationalUnitIds { get; init; }

    /// <summary>Every resource the demo created that a finding can name, with its ARN or id.</summary>
    public required IReadOnlyList<DemoResource> Resources { get; init; }

    /// <summary>Accounts where Security Hub is left off (in every region), so the publish path meets it.</summary>
    public required IReadOnlyList<string> SecurityHubDisabledAccounts { get; init; }

    /// <summary>Regions where Security Hub is enabled in the other accounts.</summary>
    public required IReadOnlyList<string> SecurityHubRegions { get; init; }

    public required string TrailName { get; init; }
    public required string TrailArn { get; init; }

    /// <summary>The demo's scan policy, in the policy file's YAML (PolicyLoader.Parse reads it).</summary>
    public required string PolicyYaml { get; init; }

    public string AccountId(string accountName) =>
        AccountIds.TryGetValue(accountName, out var id) ? id : throw new KeyNotFoundException($"The demo has no account named '{accountName}'.");

    public string AccountName(string accountId) =>
        AccountIds.FirstOrDefault(p => p.Value == accountId).Key ?? throw new KeyNotFoundException($"The demo has no account {accountId}.");

    public DemoResource Resource(string accountName, string resourceName) =>
        Resources.FirstOrDefault(r => r.AccountName == accountName && r.Name == resourceName)
        ?? throw new KeyNotFoundException($"The demo has no resource '{resourceName}' in '{accountName}'.");
}

/// <summary>
/// A resource the demo created. Name is the demo's name for it (user name, function name, the instance's Name tag,
/// the trail name, the account name for the account itself); Arn is the resource id findings carry: the ARN, or for
/// an account AWS::::Account:{id}, and for an access key (no ARN) the id iam.access-key gives it.
/// </summary>
public sealed record DemoResource(string AccountName, string Name, string Type, string Region, string Arn);
