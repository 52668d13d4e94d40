namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// org.ou-placement: a member account directly under the root gets only the root's guardrails, none of those an OU
/// adds for its kind of workload. The management account is left out: SCPs do not govern it wherever it sits.
/// </summary>
public sealed class OuPlacementCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "org.ou-placement",
        Title = "Account is not in an OU",
        Severity = Severity.Medium,
        Description = "Member accounts placed directly under the organization's root, in no OU.",
        Remediation =
            "Move the account into the OU whose guardrails fit its workload (Workloads/Prod, Sandbox, Security, ...): AWS "
            + "Organizations console > AWS accounts > select the account > Actions > Move, or aws organizations move-account "
            + "--account-id ACCOUNT_ID --source-parent-id ROOT_ID --destination-parent-id OU_ID. With Control Tower, enroll it "
            + "into a registered OU.",
        RemediationUrl = "https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Organizations],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Account.IsManagementAccount)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var resource = ResourceTypes.AccountResourceId(inventory.Account.Id);
        if (inventory.Account.OuPath.Count > 0)
        {
            var path = string.Join(" / ", inventory.Account.OuPath.Select(ou => ou.Name));
            yield return Definition.Passed(inventory, inventory.HomeRegion, ResourceTypes.Account, resource,
                $"{account} is in OU {path}", $"{account} is placed in the OU path {path}.");
            yield break;
        }

        yield return Definition.Failed(inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Account, resource,
            $"{account} is directly under the root, in no OU",
            $"{account} sits directly under the organization's root. It gets only the guardrails attached to the root, none of "
            + "those an OU gives its kind of workload (Region limits, production or sandbox controls), and new OU-level policies "
            + "will silently pass it by.");
    }
}

/// <summary>
/// org.delegated-administrator: Security Hub, GuardDuty, Config and CloudTrail each have a delegated administrator, and
/// it is not the management account, which should hold governance alone. Judged once, on the management account's scan
/// (where the organization read leaves the list).
/// </summary>
public sealed class DelegatedAdministratorCheck : ICheck
{
    /// <summary>Service principals that must be delegated, with the name a person reads; Config has two principals.</summary>
    public static IReadOnlyList<(string Service, IReadOnlyList<string> Principals)> Services { get; } =
    [
        ("Security Hub", ["securityhub.amazonaws.com"]),
        ("GuardDuty", ["guardduty.amazonaws.com"]),
        ("AWS Config", ["config.amazonaws.com", "config-multiaccountsetup.amazonaws.com"]),
        ("CloudTrail", ["cloudtrail.amazonaws.com"]),
    ];

    public static CheckMetadata Definition { get; } = new()
    {
        Id = "org.delegated-administrator",
        Title = "Security service has no delegated administrator",
        Severity = Severity.Medium,
        Description =
            "Security Hub, GuardDuty, AWS Config and CloudTrail each need a delegated administrator in the organization "
            + "(a security tooling account), and it must not be the management account.",
        Remediation =
            "From the management account, delegate each service to the security tooling account: aws securityhub "
            + "enable-organization-admin-account --admin-account-id ID; aws guardduty "
            + "enable-organization-admin-account --admin-account-id ID; aws organizations "
            + "register-delegated-administrator --account-id ID --service-principal config.amazonaws.com; aws "
            + "cloudtrail register-organization-delegated-admin --member-account-id ID. To move one off the "
            + "management account, deregister it there first.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_delegated_admin.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.DelegatedAdministrators],
    };

    public CheckMetadata Metadata => Definition;

    /// <summary>The subject of one service's result: the management account's delegation of that service principal.</summary>
    public static string ResourceId(string managementAccountId, string servicePrincipal) =>
        $"{ResourceTypes.AccountResourceId(managementAccountId)}/delegated-administrator/{servicePrincipal}";

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (!inventory.Account.IsManagementAccount || inventory.Account.Guardrails?.DelegatedAdministrators is not { } administrators)
        {
            yield break;
        }

        foreach (var (service, principals) in Services)
        {
            var resource = ResourceId(inventory.Account.Id, principals[0]);
            var delegated = administrators.Where(a => a.ServicePrincipals.Any(p => principals.Contains(p, StringComparer.Ordinal))).ToList();
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ServicePrincipal"] = principals[0],
                ["DelegatedAdministrators"] = string.Join(",", delegated.Select(a => a.AccountId)),
            };
            if (delegated.Count == 0)
            {
                yield return Definition.Failed(inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Other, resource,
                    $"{service} has no delegated administrator",
                    $"No account of the organization is the delegated administrator of {service} ({principals[0]}). It is then run "
                    + "from the management account, or not organization-wide at all: the security team needs management-account "
                    + "access to operate it, and new accounts are not enrolled automatically.",
                    details);
            }
            else if (delegated.FirstOrDefault(a => a.AccountId == inventory.Account.Id) is not null)
            {
                yield return Definition.Failed(inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Other, resource,
                    $"{service}'s delegated administrator is the management account",
                    $"The management account, {CheckText.Account(inventory.Account)}, is the delegated administrator of {service}. "
                    + "Whoever operates the security tooling then needs access to the one account SCPs cannot restrict; delegate "
                    + "it to a security tooling account instead.",
                    details);
            }
            else
            {
                var names = string.Join(", ", delegated.Select(a => string.IsNullOrEmpty(a.Name) ? a.AccountId : $"{a.AccountId} ({a.Name})"));
                yield return Definition.Passed(inventory, inventory.HomeRegion, ResourceTypes.Other, resource,
                    $"{service} is delegated to {names}", $"{service} ({principals[0]}) is administered from {names}, not from the management account.",
                    details);
            }
        }
    }
}
