namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// iam.root-access-key: the root user must have no active access key. Without the credential report
/// (inventory.Root null) there is nothing to say either way; the recorded gap keeps the old finding as it is.
/// </summary>
public sealed class RootAccessKeyCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "iam.root-access-key",
        Title = "Root user has an active access key",
        Severity = Severity.Critical,
        Description = "The account's root user has an active access key.",
        Remediation =
            "Find what uses the key (the credential report's access_key_1_last_used_date, the root user's "
            + "CloudTrail events) and move that work to an IAM role. Then delete it: signed in as the root user, "
            + "account menu > Security credentials > Access keys > the key > Actions > Delete (or, with the root "
            + "user's credentials, aws iam delete-access-key --access-key-id KEY_ID). In member accounts, "
            + "centralized root access (IAM console > Root access management) can remove root credentials "
            + "altogether.",
        RemediationUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 1.4", "AWS FSBP IAM.4"],
        DataSources = [DataSource.CredentialReport],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Root is not { } root)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var resourceId = ResourceTypes.AccountResourceId(inventory.Account.Id);
        if (root.HasCredentials == false)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"The root user of {account} has no credentials at all",
                $"The root user of {account} has no password, no active access key and no active signing certificate "
                + "(as with centralized root access management), so it has no access key to misuse.");
            yield break;
        }

        var active = new List<(string Name, DateTimeOffset? LastUsed)>();
        if (root.AccessKey1Active)
        {
            active.Add(("access key 1", root.AccessKey1LastUsed));
        }

        if (root.AccessKey2Active)
        {
            active.Add(("access key 2", root.AccessKey2LastUsed));
        }

        if (active.Count == 0)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"The root user of {account} has no active access keys",
                $"The root user of {account} has no active access keys.");
            yield break;
        }

        var title = $"The root user of {account} has " + CheckText.Count(active.Count, "active access key", "active access keys");
        var uses = active.Select(k => k.LastUsed is { } at ? $"{k.Name} was last used on {CheckText.Date(at)}" : $"{k.Name} has never been used").ToList();
        var description =
            $"{title}: {CheckText.JoinAnd(uses)}. A root access key has unrestricted "
            + "access to everything in the account, no IAM policy can limit it, and it never expires; "
            + (inventory.Account.IsManagementAccount
                ? "in the management account, service control policies do not apply to it either, so it controls the whole organization."
                : "AWS recommends that the root user has no access keys at all.");

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RootArn"] = root.Arn,
            ["AccessKey1Active"] = root.AccessKey1Active ? "true" : "false",
            ["AccessKey2Active"] = root.AccessKey2Active ? "true" : "false",
        };
        if (root.AccessKey1LastUsed is { } used1)
        {
            details["AccessKey1LastUsed"] = CheckText.Date(used1);
        }

        if (root.AccessKey2LastUsed is { } used2)
        {
            details["AccessKey2LastUsed"] = CheckText.Date(used2);
        }

        yield return Definition.Failed(
            inventory, Severity.Critical, inventory.HomeRegion, ResourceTypes.Account, resourceId, title, description, details);
    }
}

/// <summary>
/// iam.root-mfa: the root user must have MFA. Critical in the management account, whose root user can undo
/// every control of the organization; High in a member account. A root user with no credentials at all passes:
/// nothing can sign in as it. A password the report calls not_supported is unknown, so such a root user is judged as
/// if it had one.
/// </summary>
public sealed class RootMfaCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "iam.root-mfa",
        Title = "Root user has no MFA",
        Severity = Severity.Critical,
        MinimumSeverity = Severity.High,
        Description = "The account's root user has no MFA device: Critical in the management account, High in a member account.",
        Remediation =
            "Sign in as the root user, open the account menu > Security credentials > Multi-factor authentication (MFA) > "
            + "Assign MFA device, and register a passkey or hardware security key (keep a second device in a safe). Root MFA "
            + "cannot be assigned from the CLI. For member accounts, centralized root access (IAM console > Root access "
            + "management, in the management account) can instead remove the member's root credentials altogether.",
        RemediationUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 1.5", "AWS FSBP IAM.9"],
        DataSources = [DataSource.CredentialReport],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Root is not { } root)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var resourceId = ResourceTypes.AccountResourceId(inventory.Account.Id);
        if (root.HasCredentials == false)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"The root user of {account} has no credentials, so no MFA is needed",
                $"The root user of {account} has no password, no active access key and no active signing certificate "
                + "(as with centralized root access management): nobody can sign in as it, so there is nothing for MFA to protect. "
                + "Its credentials can only come back through password recovery to the root email address, or from the management account.");
            yield break;
        }

        if (root.MfaActive)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"The root user of {account} has MFA", $"The root user of {account} has an MFA device.");
            yield break;
        }

        var management = inventory.Account.IsManagementAccount;
        var title = management
            ? $"The root user of the management account {inventory.Account.Id} has no MFA"
            : $"The root user of {account} has no MFA";
        var lastUse = root.PasswordLastUsed is { } used ? $" Its password was last used on {CheckText.Date(used)}." : "";
        var description =
            $"The root user of {account} has no MFA device, so its password alone opens the account. The root user can do "
            + "anything in the account, including closing it and changing its contact and billing details. "
            + (management
                ? "This is the organization's management account: its root user can change or remove every service control policy and leave no guardrail standing."
                : "Password resets go to the account's root email address, so whoever controls that mailbox controls the account.")
            + lastUse;

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RootArn"] = root.Arn,
            ["IsManagementAccount"] = management ? "true" : "false",
            ["PasswordLastUsed"] = root.PasswordLastUsed is { } p ? CheckText.Date(p) : "never",
        };

        yield return Definition.Failed(
            inventory, management ? Severity.Critical : Severity.High, inventory.HomeRegion, ResourceTypes.Account, resourceId,
            title, description, details);
    }
}
