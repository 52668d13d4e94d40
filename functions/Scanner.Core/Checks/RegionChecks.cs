namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;

/// <summary>
/// region.resource-outside-approved: resources in a Region the account's policy does not approve. Global
/// resources (Region "global" or empty) have no Region to judge. With no approved Regions configured the
/// check says nothing: an empty list means "not configured", not "no Region is allowed". Security tooling
/// (GuardDuty, Config, Security Hub, Access Analyzer: the registry's role) belongs in every Region, and so do the
/// stack instances the organization's StackSets deploy there (typically to switch that tooling on): neither is
/// reported.
/// </summary>
public sealed class ResourceOutsideApprovedRegionCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "region.resource-outside-approved",
        Title = "Resource outside the approved Regions",
        Severity = Severity.Medium,
        Description =
            "Resources (EC2 instances, Lambda functions, anything the tagging API lists) in a Region the policy does not approve for the "
            + "account. Security tooling (GuardDuty, Config, Security Hub, Access Analyzer) and the stack instances of StackSets belong "
            + "in every Region and are not reported.",
        Remediation =
            "Move the resource to an approved Region (redeploy it there from its infrastructure code and migrate its data), "
            + "then delete the original; or, if the Region should be allowed, add it to approvedRegions in the scanner policy, "
            + "for the organization or as an override for the account or its OU. To stop new resources there, attach a "
            + "service control policy that denies actions outside the approved Regions (aws:RequestedRegion condition).",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Ec2, DataSource.Lambda, DataSource.Tagging],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ApprovedRegions.Count == 0)
        {
            yield break;
        }

        var approved = string.Join(", ", policy.ApprovedRegions.Order(StringComparer.Ordinal));
        foreach (var resource in CheckText.DistinctResources(inventory))
        {
            if (CheckText.IsGlobalRegion(resource.Region) || policy.ApprovedRegions.Contains(resource.Region)
                || resource.Type.Role.IsExpectedInEveryRegion() || IsStackSetInstance(resource))
            {
                continue;
            }

            var what = CheckText.Describe(resource);
            var title = $"{what} is in {resource.Region}, outside the approved Regions";
            var description =
                $"{what} ({resource.Type}) in {CheckText.Account(inventory.Account)} is in {resource.Region}; the Regions "
                + $"approved for this account are {approved}. Resources outside them escape the monitoring, backups and "
                + "data-residency commitments built for the approved Regions, and are easy to forget.";
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Type"] = resource.Type.Name,
                ["Id"] = resource.Id,
                ["ApprovedRegions"] = approved,
            };

            yield return Definition.Failed(inventory, Severity.Medium, resource, title, description, details);
        }
    }

    /// <summary>
    /// A stack a StackSet deployed: CloudFormation names every stack instance StackSet-{StackSet name}-{unique id}.
    /// StackSets are how an organization rolls its baseline out to every account and Region.
    /// </summary>
    private static bool IsStackSetInstance(CloudResource resource) =>
        resource.Type == ResourceTypeRegistry.CloudFormationStack && resource.Id.StartsWith("StackSet-", StringComparison.Ordinal);
}

/// <summary>
/// region.opt-in-region-enabled: an opt-in Region (one AWS leaves disabled by default) that the account has
/// enabled although the policy does not approve it. Reported on the account, in that Region.
/// </summary>
public sealed class OptInRegionEnabledCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "region.opt-in-region-enabled",
        Title = "Unapproved opt-in Region enabled",
        Severity = Severity.Medium,
        Description = "Opt-in Regions (disabled by default, such as af-south-1 or me-central-1) that the account has enabled but the policy does not approve.",
        Remediation =
            "If nothing runs there, disable the Region: in the account, Account console (account menu > Account) > AWS "
            + "Regions > select the Region > Disable; or from the management account, aws account disable-region "
            + "--account-id ACCOUNT_ID --region-name REGION. If the Region is needed, add it to approvedRegions in the "
            + "scanner policy for the account or its OU.",
        RemediationUrl = "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Regions],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.ApprovedRegions.Count == 0)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var approved = string.Join(", ", policy.ApprovedRegions.Order(StringComparer.Ordinal));
        var regions = inventory.EnabledRegions
            .Where(r => r.IsOptIn && !policy.ApprovedRegions.Contains(r.Name))
            .Select(r => r.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var title = $"Opt-in Region {region} is enabled in {account} but not approved";
            var description =
                $"{account} has opted in to {region}, which the policy does not approve for it (approved: {approved}). "
                + "An enabled Region is somewhere resources can be created and credentials used, away from the monitoring "
                + "and controls of the approved Regions; an opt-in Region nobody needs should stay disabled.";
            yield return Definition.Failed(
                inventory, Severity.Medium, region, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
                title, description,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["RegionName"] = region,
                    ["ApprovedRegions"] = approved,
                });
        }
    }
}
