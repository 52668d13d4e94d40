namespace Scanner.Testing.Inventory;

using Scanner.Core.Inventory;

/// <summary>Guardrail and security-baseline facts, shaped as the organization read and the collectors leave them.</summary>
public static class GuardrailMake
{
    public static readonly ServiceControlPolicy FullAwsAccess = new("p-FullAWSAccess", "FullAWSAccess", RealWorldPolicies.FullAwsAccess, AwsManaged: true);

    public static ServiceControlPolicy Scp(string name, string content) => new("p-" + name.ToLowerInvariant(), name, content);

    /// <summary>The root, then one OU per entry of <paramref name="ous"/>, then the account; FullAWSAccess everywhere unless given.</summary>
    public static OrganizationGuardrails Path(ServiceControlPolicy[] root, ServiceControlPolicy[]? account = null, params (OrganizationalUnit Ou, ServiceControlPolicy[] Policies)[] ous) => new()
    {
        PolicyPath =
        [
            new PolicyTarget("r-ab12", "Root", PolicyTargetKind.Root, root),
            .. ous.Select(o => new PolicyTarget(o.Ou.Id, o.Ou.Name, PolicyTargetKind.OrganizationalUnit, o.Policies)),
            new PolicyTarget(Scenario.MemberId, "Production", PolicyTargetKind.Account, account ?? [FullAwsAccess]),
        ],
    };

    public static AccountInventory Governed(this AccountInventory inventory, OrganizationGuardrails guardrails) =>
        inventory with { Account = inventory.Account with { Guardrails = guardrails } };
}

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
