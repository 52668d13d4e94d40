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
