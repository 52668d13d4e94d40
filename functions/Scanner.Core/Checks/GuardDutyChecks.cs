namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// guardduty.enabled (AWS FSBP GuardDuty.1): a GuardDuty detector is enabled in every enabled Region of the account,
/// approved or not: threats are most welcome where nobody looks.
/// </summary>
public sealed class GuardDutyEnabledCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "guardduty.enabled",
        Title = "GuardDuty is not enabled",
        Severity = Severity.High,
        Description = "Enabled Regions of an account with no GuardDuty detector, or only suspended ones.",
        Remediation =
            "From the GuardDuty delegated administrator, in each Region: GuardDuty console > Settings > Accounts > 'Auto-enable "
            + "GuardDuty for all accounts' and enable the existing members; or, in the account and Region, aws guardduty "
            + "create-detector --enable (or aws guardduty update-detector --detector-id ID --enable for a suspended one).",
        RemediationUrl = "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1",
        FindingTypes = [FindingTypes.BestPractices],
        Controls = ["AWS FSBP GuardDuty.1"],
        DataSources = [DataSource.GuardDuty, DataSource.Regions],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var account = CheckText.Account(inventory.Account);
        foreach (var guardDuty in inventory.GuardDuty.OrderBy(g => g.Region, StringComparer.Ordinal))
        {
            var region = guardDuty.Region;
            var resource = ResourceTypes.AccountResourceId(inventory.Account.Id);
            var enabled = guardDuty.Detectors.FirstOrDefault(d => string.Equals(d.Status, "ENABLED", StringComparison.Ordinal));
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Detectors"] = string.Join(",", guardDuty.Detectors.Select(d => $"{d.Id}:{d.Status}")),
            };
            if (enabled is not null)
            {
                yield return Definition.Passed(inventory, region, ResourceTypes.Account, resource,
                    $"GuardDuty is enabled in {region}", $"GuardDuty detector {enabled.Id} is enabled in {region} of {account}.", details);
                continue;
            }

            var state = guardDuty.Detectors.Count == 0 ? "has no GuardDuty detector" : "has only a suspended GuardDuty detector";
            yield return Definition.Failed(inventory, Severity.High, region, ResourceTypes.Account, resource,
                $"GuardDuty is not enabled in {region}",
                $"{region} of {account} {state}. Compromised credentials, crypto-mining instances and calls from known-bad "
                + "addresses there go unnoticed; an attacker favours exactly the Regions nobody watches.",
                details);
        }
    }
}
