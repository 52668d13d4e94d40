namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// iam.root-access-management: the organization manages member accounts' root users centrally
/// (RootCredentialsManagement and RootSessions on), and, where it does, no member's root user keeps credentials.
/// </summary>
/// <remarks>
/// Two facts meet here: the organization's setting, which only the management account can read, and a member's root
/// credentials, which only that member's credential report shows. Whoever reads the organization (the dispatcher, or
/// the CLI) reads the setting once and hands it to every account with its guardrails (OrganizationGuardrails): the
/// management account's result reports the setting itself. A member account's result is raised in the member's own scan: the
/// finding belongs to the member, where Security Hub shows it to the member's owners and resolves it when the member's
/// own credential report shows the credentials gone. When the member's scan does not know the setting it says nothing.
/// </remarks>
public sealed class RootAccessManagementCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "iam.root-access-management",
        Title = "Member root users not managed centrally",
        Severity = Severity.High,
        MinimumSeverity = Severity.Medium,
        Description =
            "Centralized root access management is off in the organization (the management account's IAM "
            + "ListOrganizationsFeatures lacks RootCredentialsManagement or RootSessions), Medium; or it is on and a member "
            + "account's root user still has a password, an active access key or an active signing certificate, High.",
        Remediation =
            "In the management account: IAM console > Root access management > Enable (CLI: aws organizations "
            + "enable-aws-service-access --service-principal iam.amazonaws.com, aws iam "
            + "enable-organizations-root-credentials-management and enable-organizations-root-sessions). Then "
            + "remove members' root credentials: IAM console > Root access management > the account > Delete "
            + "root user credentials, or aws sts assume-root with the IAMDeleteRootUserCredentials task policy and "
            + "delete its password, keys, certificates and MFA.",
        RemediationUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.OrganizationFeatures, DataSource.CredentialReport],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.RootAccessManagement is not { } setting)
        {
            return [];
        }

        return inventory.Account.IsManagementAccount ? [Organization(inventory, setting)] : Member(inventory, setting);
    }

    private static CheckResult Organization(AccountInventory inventory, RootAccessManagement setting)
    {
        var resourceId = ResourceTypes.AccountResourceId(inventory.Account.Id);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RootCredentialsManagement"] = setting.RootCredentialsManagement ? "enabled" : "disabled",
            ["RootSessions"] = setting.RootSessions ? "enabled" : "disabled",
        };
        if (setting.IsOn)
        {
            return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                "Centralized root access management is on for the organization",
                $"The organization managed from {CheckText.Account(inventory.Account)} has root credentials management and root "
                + "sessions enabled: member accounts are created without root credentials, and the management account can "
                + "remove any that remain.",
                details);
        }

        var missing = new List<string>();
        if (!setting.RootCredentialsManagement)
        {
            missing.Add("root credentials management");
        }

        if (!setting.RootSessions)
        {
            missing.Add("root sessions");
        }

        return Definition.Failed(
            inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Account, resourceId,
            "Centralized root access management is off for the organization",
            $"The organization managed from {CheckText.Account(inventory.Account)} does not have {CheckText.JoinAnd(missing)} "
            + "enabled. Every member account then keeps a root user with its own password (recoverable by whoever reads the "
            + "account's root email), which must be secured with MFA account by account; with centralized root access, new "
            + "accounts have no root credentials and existing ones can be removed from the management account.",
            details);
    }

    private static IEnumerable<CheckResult> Member(AccountInventory inventory, RootAccessManagement setting)
    {
        if (!setting.IsOn || inventory.Root is not { } root || root.HasCredentials is null)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var resourceId = ResourceTypes.AccountResourceId(inventory.Account.Id);
        if (root.HasCredentials == false)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"The root user of {account} has no credentials",
                $"The organization manages root access centrally and the root user of {account} has no password, access key or signing certificate.");
            yield break;
        }

        var credentials = CheckText.JoinAnd(root.CredentialNames());
        yield return Definition.Failed(
            inventory, Severity.High, inventory.HomeRegion, ResourceTypes.Account, resourceId,
            $"The root user of {account} still has credentials",
            $"The organization manages root access centrally, yet the root user of {account} still has {credentials}. Those "
            + "credentials can do anything in the account, and nobody needs them any more: the management account can take a short root session (sts:AssumeRoot) for the "
            + "few tasks that need root. Delete them with a root session scoped to IAMDeleteRootUserCredentials.",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RootArn"] = root.Arn,
                ["PasswordEnabled"] = root.PasswordEnabled == true ? "true" : "false",
                ["ActiveAccessKeys"] = ((root.AccessKey1Active ? 1 : 0) + (root.AccessKey2Active ? 1 : 0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ActiveSigningCertificates"] = ((root.SigningCertificate1Active ? 1 : 0) + (root.SigningCertificate2Active ? 1 : 0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
