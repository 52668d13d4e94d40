namespace Scanner.Testing.Inventory;

using Scanner.Core.Inventory;

/// <summary>
/// Turns an inventory that fails every older check into one that fails the given check too, for the
/// guardrail and baseline checks: the SCP checks and OU placement judge member accounts only, the others need the
/// Region's Config, Security Hub and GuardDuty state or the delegated administrators.
/// </summary>
public static class GuardrailFailures
{
    public static AccountInventory For(string checkId, AccountInventory inventory) => checkId switch
    {
        "scp.region-deny" or "scp.cloudtrail-protection" or "scp.iam-user-creation" or "scp.leave-organization" or "org.ou-placement" =>
            inventory with
            {
                Account = inventory.Account with
                {
                    IsManagementAccount = false,
                    OuPath = [],
                    Guardrails = GuardrailMake.Path([GuardrailMake.FullAwsAccess]),
                },
            },
        "config.recorder" => inventory with { Config = [new ConfigRegion("eu-west-1", [], [])] },
        "securityhub.enabled" => inventory with { SecurityHub = [new SecurityHubRegion("eu-west-1", false, null)] },
        "guardduty.enabled" => inventory with { GuardDuty = [new GuardDutyRegion("eu-west-1", [])] },
        "org.delegated-administrator" => inventory with { Account = inventory.Account with { Guardrails = new OrganizationGuardrails { DelegatedAdministrators = [] } } },
        _ => inventory,
    };
}
