namespace Scanner.Core.Checks;

using System.Globalization;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// iam.local-user: every local IAM user fails. The organization's rule is that people sign in through
/// IAM Identity Center and workloads use roles, so a user is a finding in itself; its severity follows what
/// the user can do today (sign in without MFA, call APIs, or nothing).
/// </summary>
public sealed class LocalUserCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "iam.local-user",
        Title = "Local IAM users exist",
        Severity = Severity.High,
        MinimumSeverity = Severity.Low,
        Description =
            "Every local IAM user. People sign in through IAM Identity Center and workloads use IAM roles; a user with a "
            + "console password and no MFA is High, one with a password or active access keys Medium, one with neither Low.",
        Remediation =
            "Give a person access through IAM Identity Center (assign a permission set); move a workload to an "
            + "IAM role (instance profile, Lambda or ECS task role; OIDC or IAM Roles Anywhere outside AWS). Then "
            + "delete the user: IAM console > Users > the user > Delete, which also removes its password, keys, MFA "
            + "devices and policies (CLI: delete those first, then aws iam delete-user --user-name NAME). A "
            + "break-glass user that must stay: tag it compliance:exempt=iam.local-user and "
            + "compliance:exempt-until=YYYY-MM-DD.",
        RemediationUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_remove.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 1.21"],
        // The collector falls back to per-user calls when the credential report fails, so IAM alone decides.
        DataSources = [DataSource.Iam],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var user in inventory.IamUsers.OrderBy(u => u.UserName, StringComparer.Ordinal))
        {
            yield return Evaluate(inventory, user);
        }
    }

    private static CheckResult Evaluate(AccountInventory inventory, IamUser user)
    {
        var activeKeys = user.AccessKeys.Count(k => k.IsActive);
        var passwordWithoutMfa = user.HasConsolePassword && !user.MfaActive;
        var severity = passwordWithoutMfa ? Severity.High
            : user.HasConsolePassword || activeKeys > 0 ? Severity.Medium
            : Severity.Low;

        var capabilities = new List<string>();
        if (activeKeys > 0)
        {
            capabilities.Add(CheckText.Count(activeKeys, "active access key", "active access keys"));
        }

        if (user.HasConsolePassword)
        {
            capabilities.Add(user.MfaActive ? "a console password with MFA" : "a console password without MFA");
        }

        var title = capabilities.Count == 0
            ? $"IAM user '{user.UserName}' exists with no console password and no active access keys"
            : $"IAM user '{user.UserName}' has {CheckText.JoinAnd(capabilities)}";

        var risk = severity switch
        {
            Severity.High =>
                "Anyone who learns or guesses the password can sign in to the console with this user's permissions; no second factor stands in the way.",
            Severity.Medium when activeKeys > 0 =>
                "Its access keys work from anywhere on the internet until someone deletes them, and leaked keys are the most common way AWS accounts are breached.",
            Severity.Medium =>
                "Its password is a long-lived credential outside the organization's identity provider: it survives the person leaving.",
            _ => "It cannot sign in or call APIs today, but anyone with IAM permissions can give it credentials at any time.",
        };

        var lastUse = user.PasswordLastUsed is { } used
            ? $" The password was last used on {CheckText.Date(used)}."
            : user.HasConsolePassword ? " The password has never been used." : "";

        var description =
            $"{title}, in {CheckText.Account(inventory.Account)}. Local IAM users carry long-lived credentials that are not "
            + "tied to a person's identity-provider account or to a workload's lifetime; the organization's rule is that "
            + $"people sign in through IAM Identity Center and workloads use IAM roles. {risk}{lastUse}";

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UserName"] = user.UserName,
            ["CreatedAt"] = CheckText.Date(user.CreatedAt),
            ["HasConsolePassword"] = user.HasConsolePassword ? "true" : "false",
            ["MfaActive"] = user.MfaActive ? "true" : "false",
            ["ActiveAccessKeys"] = activeKeys.ToString(CultureInfo.InvariantCulture),
            ["PasswordLastUsed"] = user.PasswordLastUsed is { } p ? CheckText.Date(p) : "never",
        };

        return Definition.Failed(inventory, severity, inventory.HomeRegion, ResourceTypes.IamUser, user.Arn, title, description, details);
    }
}

/// <summary>
/// iam.access-key: every active access key fails, because long-lived keys are what the organization is moving
/// away from. Age and idleness raise it to High against the policy's limits; inactive keys are not reported.
/// </summary>
public sealed class AccessKeyCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "iam.access-key",
        Title = "Active IAM access keys",
        Severity = Severity.High,
        MinimumSeverity = Severity.Medium,
        Description =
            "Every active access key of an IAM user, with its age and last use. High when it is older than the policy's "
            + "maximum age or unused for longer than the maximum idle time (a never-used key counts from its creation).",
        Remediation =
            "Replace the key with temporary credentials: an IAM role for workloads in AWS, IAM Roles Anywhere or "
            + "OIDC federation outside AWS, IAM Identity Center for people. If it must stay for now, rotate it: aws "
            + "iam create-access-key --user-name NAME, deploy the new key, aws iam update-access-key --user-name "
            + "NAME --access-key-id OLD_ID --status Inactive, then aws iam delete-access-key --user-name NAME "
            + "--access-key-id OLD_ID. Deactivate an unused key at once (IAM console > Users > NAME > Security "
            + "credentials).",
        RemediationUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 1.14", "AWS FSBP IAM.3", "AWS FSBP IAM.8"],
        DataSources = [DataSource.Iam],
    };

    public CheckMetadata Metadata => Definition;

    /// <summary>The subject id of an access key: the user's ARN, then the key id. Keys have no ARN of their own.</summary>
    public static string ResourceId(IamUser user, AccessKey key)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(key);
        return $"{user.Arn}/access-key/{key.AccessKeyId}";
    }

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var user in inventory.IamUsers.OrderBy(u => u.UserName, StringComparer.Ordinal))
        {
            foreach (var key in user.AccessKeys.Where(k => k.IsActive).OrderBy(k => k.AccessKeyId, StringComparer.Ordinal))
            {
                yield return Evaluate(inventory, policy, user, key);
            }
        }
    }

    /// <remarks>
    /// The finding names dates, never a count of days: an age in days would change the finding's text every day for
    /// an unchanged key, and every changed finding is re-imported into Security Hub, a billed ingestion event, on every
    /// scan (see the publisher's ingestion diet). What does change with time alone is only crossing a policy limit,
    /// and that changes the severity and the words, as it should.
    /// </remarks>
    private static CheckResult Evaluate(AccountInventory inventory, AccountPolicy policy, IamUser user, AccessKey key)
    {
        var now = inventory.CollectedAt;

        // "Over" the limit is strictly more whole days than the limit: a key exactly 90 days old is within 90.
        var tooOld = CheckText.WholeDays(key.CreatedAt, now) > policy.MaxAccessKeyAgeDays;
        var idleTooLong = CheckText.WholeDays(key.LastUsedAt ?? key.CreatedAt, now) > policy.MaxAccessKeyUnusedDays;
        var severity = tooOld || idleTooLong ? Severity.High : Severity.Medium;

        var age = $"created {CheckText.Date(key.CreatedAt)}" + (tooOld ? $" (older than the policy's {CheckText.Days(policy.MaxAccessKeyAgeDays)})" : "");
        var use = key.LastUsedAt is { } usedAt
            ? $"last used {CheckText.Date(usedAt)}"
            : "never used";
        if (idleTooLong)
        {
            use += $" (unused for longer than the policy's {CheckText.Days(policy.MaxAccessKeyUnusedDays)})";
        }

        var title = $"Active access key {key.AccessKeyId} of IAM user '{user.UserName}', {age}, {use}";

        var lastUse = key.LastUsedAt is { } at
            ? $"It was last used on {CheckText.Date(at)}"
              + (key.LastUsedService is { Length: > 0 } service ? $" to call {service}" : "")
              + (key.LastUsedRegion is { Length: > 0 } region ? $" in {region}" : "")
              + "."
            : "It has never been used.";

        var why = new List<string>
        {
            "A long-lived access key works from anywhere until it is deleted, and leaked keys are the most common way AWS accounts are breached.",
        };
        if (tooOld)
        {
            why.Add($"It is older than the policy's maximum of {CheckText.Days(policy.MaxAccessKeyAgeDays)}, so it should have been rotated.");
        }

        if (idleTooLong)
        {
            why.Add(key.LastUsedAt is null
                ? $"It has not been used since it was created, more than the policy's {CheckText.Days(policy.MaxAccessKeyUnusedDays)} ago: nothing seems to need it, so deactivate it."
                : $"It has not been used for longer than the policy's {CheckText.Days(policy.MaxAccessKeyUnusedDays)}: nothing seems to need it, so deactivate it.");
        }

        var description =
            $"Access key {key.AccessKeyId} of IAM user '{user.UserName}' in {CheckText.Account(inventory.Account)} is active; "
            + $"it was created on {CheckText.Date(key.CreatedAt)}. {lastUse} {string.Join(' ', why)}";

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = key.AccessKeyId,
            ["UserName"] = user.UserName,
            ["UserArn"] = user.Arn,
            ["CreatedAt"] = CheckText.Date(key.CreatedAt),
            ["LastUsedAt"] = key.LastUsedAt is { } last ? CheckText.Date(last) : "never",
            ["MaxAccessKeyAgeDays"] = policy.MaxAccessKeyAgeDays.ToString(CultureInfo.InvariantCulture),
            ["MaxAccessKeyUnusedDays"] = policy.MaxAccessKeyUnusedDays.ToString(CultureInfo.InvariantCulture),
        };
        if (key.LastUsedService is { Length: > 0 } lastService)
        {
            details["LastUsedService"] = lastService;
        }

        if (key.LastUsedRegion is { Length: > 0 } lastRegion)
        {
            details["LastUsedRegion"] = lastRegion;
        }

        return Definition.Failed(
            inventory, severity, inventory.HomeRegion, ResourceTypes.IamAccessKey, ResourceId(user, key), title, description, details);
    }
}
