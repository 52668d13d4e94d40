namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>securityhub.enabled: Security Hub is on in every approved Region of the account (DescribeHub answers).</summary>
public sealed class SecurityHubEnabledCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "securityhub.enabled",
        Title = "Security Hub is not enabled",
        Severity = Severity.High,
        Description = "Approved Regions (every enabled Region when none is approved) of an account where Security Hub is not enabled.",
        Remediation =
            "From the Security Hub delegated administrator: Security Hub console > Configuration > Organization, and enable "
            + "Security Hub for all accounts in the approved Regions (central configuration); or, in the account and Region, "
            + "aws securityhub enable-security-hub --region REGION.",
        RemediationUrl = "https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 4.16"],
        DataSources = [DataSource.SecurityHub, DataSource.Regions],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        var account = CheckText.Account(inventory.Account);
        foreach (var (region, hub) in SecurityBaselineRegions.Collected(inventory, policy, inventory.SecurityHub, h => h.Region))
        {
            var resource = ResourceTypes.AccountResourceId(inventory.Account.Id);
            yield return hub.Enabled
                ? Definition.Passed(inventory, region, ResourceTypes.Account, resource,
                    $"Security Hub is enabled in {region}", $"Security Hub is enabled in {region} of {account} ({hub.HubArn}).")
                : Definition.Failed(inventory, Severity.High, region, ResourceTypes.Account, resource,
                    $"Security Hub is not enabled in {region}",
                    $"Security Hub is not enabled in {region} of {account}, which is {SecurityBaselineRegions.Why(policy)}. Findings from "
                    + "GuardDuty, Config and this scanner have nowhere to go there, and the security team sees nothing of that Region.");
        }
    }
}
