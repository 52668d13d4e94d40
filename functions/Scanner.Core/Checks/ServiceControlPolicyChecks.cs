namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Guardrails;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// The guardrail checks: is a call an organization means to forbid actually denied, by the SCPs in effect for the
/// account (the root's, each OU's on its path, the account's own)? Each asks the <see cref="GuardrailEvaluator"/> about
/// an ordinary principal, one that no exemption names, in every Region the account has enabled, and names the
/// principals the SCPs carve out. The management account is never governed by SCPs: its result says so, as
/// NotApplicable. A policy that cannot be parsed is an ERROR naming it; a statement the evaluator cannot decide makes
/// the result a Low failure saying what to look at, never a pass.
/// </summary>
public abstract class ActionGuardrailCheck : ICheck
{
    public abstract CheckMetadata Metadata { get; }

    /// <summary>The calls the guardrail must deny.</summary>
    protected abstract IReadOnlyList<string> Actions { get; }

    /// <summary>What the guardrail protects, for titles: "CloudTrail".</summary>
    protected abstract string Subject { get; }

    /// <summary>Why an open call matters, one or two sentences.</summary>
    protected abstract string WhyItMatters { get; }

    /// <summary>Severity when a call is open.</summary>
    protected abstract Severity OpenSeverity { get; }

    /// <summary>Global services (IAM, Organizations) are called in the partition's home Region only.</summary>
    protected virtual bool IsGlobalService => false;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (inventory.Account.Guardrails is not { } guardrails)
        {
            return [];
        }

        if (inventory.Account.IsManagementAccount)
        {
            return [GuardrailResults.NotGoverned(Metadata, inventory, Subject)];
        }

        var evaluator = new GuardrailEvaluator(guardrails);
        var regions = IsGlobalService ? [GuardrailResults.GlobalRegion(inventory.Partition)] : GuardrailResults.Regions(inventory);
        var answers = Actions.SelectMany(action => regions.Select(region => evaluator.Evaluate(new GuardrailQuestion(action, region)))).ToList();
        if (answers.FirstOrDefault(a => a.Verdict == GuardrailVerdict.Error) is { } error)
        {
            return [GuardrailResults.Unreadable(Metadata, inventory, Subject, error)];
        }

        var account = CheckText.Account(inventory.Account);
        var details = GuardrailResults.Details(answers);
        var open = answers.Where(a => a.Verdict == GuardrailVerdict.NotDenied).ToList();
        if (open.Count > 0)
        {
            var calls = Calls(open);
            return [Metadata.Failed(inventory, OpenSeverity, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
                $"{Subject} guardrail missing: {calls} not denied in {account}",
                $"No service control policy on the path of {account} ({GuardrailResults.PathText(guardrails)}) denies {calls}"
                + (IsGlobalService ? "" : $" in {GuardrailResults.RegionsText(open)}")
                + $" for its IAM users and roles. {WhyItMatters} {GuardrailResults.NotesText(open)}",
                details)];
        }

        var unknown = answers.Where(a => a.Verdict == GuardrailVerdict.CannotTell).ToList();
        if (unknown.Count > 0)
        {
            return [GuardrailResults.CannotTell(Metadata, inventory, Subject, Calls(unknown), unknown, details)];
        }

        var exempted = GuardrailResults.ExemptedText(answers);
        return [Metadata.Passed(inventory, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
            $"{Subject} guardrail in effect for {account}",
            $"The service control policies on the path of {account} deny {CheckText.JoinAnd(Actions)} to its IAM users and roles. {exempted}",
            details)];
    }

    private static string Calls(IEnumerable<GuardrailAnswer> answers) =>
        CheckText.JoinAnd([.. answers.Select(a => a.Question.Action).Distinct(StringComparer.Ordinal)]);
}

/// <summary>scp.cloudtrail-protection: nobody but the named exemptions may stop, delete or reconfigure a trail.</summary>
public sealed class CloudTrailProtectionGuardrailCheck : ActionGuardrailCheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "scp.cloudtrail-protection",
        Title = "CloudTrail is not protected by an SCP",
        Severity = Severity.High,
        MinimumSeverity = Severity.Low,
        Description =
            "Member accounts whose service control policies (root, OUs on the path, the account) do not deny "
            + "cloudtrail:StopLogging, DeleteTrail, UpdateTrail and PutEventSelectors in every enabled Region; names the "
            + "principals exempted. Low when a condition keeps the scanner from telling; the management account is not governed by SCPs.",
        Remediation =
            "Attach an SCP denying cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail and "
            + "cloudtrail:PutEventSelectors on Resource \"*\" to the root (or every OU), exempting only the role "
            + "that manages trails (Condition ArnNotLike aws:PrincipalArn). Organizations console > Policies > "
            + "Service control policies > Create policy, then Targets > Attach; or aws organizations create-policy "
            + "--type SERVICE_CONTROL_POLICY, then attach-policy --policy-id ID --target-id ROOT_ID.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.ServiceControlPolicies, DataSource.Regions],
    };

    public override CheckMetadata Metadata => Definition;

    protected override IReadOnlyList<string> Actions { get; } =
        ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"];

    protected override string Subject => "CloudTrail";

    protected override string WhyItMatters =>
        "Anyone with CloudTrail permissions in the account can stop or redirect its audit trail and act unrecorded.";

    protected override Severity OpenSeverity => Severity.High;
}

/// <summary>scp.iam-user-creation: IAM users with passwords or access keys cannot be created.</summary>
public sealed class IamUserCreationGuardrailCheck : ActionGuardrailCheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "scp.iam-user-creation",
        Title = "IAM user creation is not blocked by an SCP",
        Severity = Severity.Medium,
        MinimumSeverity = Severity.Low,
        Description =
            "Member accounts whose service control policies do not deny iam:CreateUser, iam:CreateLoginProfile and "
            + "iam:CreateAccessKey; names the break-glass or pipeline roles exempted. Low when a condition keeps the scanner "
            + "from telling; the management account is not governed by SCPs.",
        Remediation =
            "Attach an SCP that denies iam:CreateUser, iam:CreateLoginProfile and iam:CreateAccessKey on Resource \"*\" to "
            + "the root or the workload OUs, exempting only a break-glass role with a Condition ArnNotLike on "
            + "aws:PrincipalArn (AWS Organizations console > Policies > Service control policies > Create policy, then attach "
            + "it). People sign in through IAM Identity Center, workloads use roles.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.ServiceControlPolicies],
    };

    public override CheckMetadata Metadata => Definition;

    protected override IReadOnlyList<string> Actions { get; } = ["iam:CreateUser", "iam:CreateLoginProfile", "iam:CreateAccessKey"];

    protected override string Subject => "IAM user";

    protected override string WhyItMatters =>
        "Long-lived IAM user passwords and access keys are how most account compromises start, and nothing then stops "
        + "someone creating one outside IAM Identity Center.";

    protected override Severity OpenSeverity => Severity.Medium;

    protected override bool IsGlobalService => true;
}

/// <summary>scp.leave-organization: a member account cannot take itself out of the organization and its guardrails.</summary>
public sealed class LeaveOrganizationGuardrailCheck : ActionGuardrailCheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "scp.leave-organization",
        Title = "Leaving the organization is not blocked by an SCP",
        Severity = Severity.High,
        MinimumSeverity = Severity.Low,
        Description =
            "Member accounts whose service control policies do not deny organizations:LeaveOrganization. Low when a "
            + "condition keeps the scanner from telling; the management account is not governed by SCPs.",
        Remediation =
            "Attach AWS's 'Prevent member accounts from leaving the organization' SCP (Effect Deny, Action "
            + "organizations:LeaveOrganization, Resource \"*\") to the root: AWS Organizations console > Policies > Service "
            + "control policies > Create policy, then Targets > Attach > Root.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-leave-org",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.ServiceControlPolicies],
    };

    public override CheckMetadata Metadata => Definition;

    protected override IReadOnlyList<string> Actions { get; } = ["organizations:LeaveOrganization"];

    protected override string Subject => "Leave-organization";

    protected override string WhyItMatters =>
        "An account that leaves escapes every SCP, the organization trail and the security tooling at once.";

    protected override Severity OpenSeverity => Severity.High;

    protected override bool IsGlobalService => true;
}

/// <summary>
/// scp.region-deny: every enabled Region the policy does not approve for the account (after overrides) is denied to
/// ordinary principals for regional work. Global services carved out with NotAction are expected; the check asks
/// about regional calls only (<see cref="RegionalProbes"/>).
/// </summary>
public sealed class RegionDenyGuardrailCheck : ICheck
{
    /// <summary>Regional calls that create resources; a Region that allows any of them is open.</summary>
    public static IReadOnlyList<string> RegionalProbes { get; } = ["ec2:RunInstances", "lambda:CreateFunction", "rds:CreateDBInstance"];

    public static CheckMetadata Definition { get; } = new()
    {
        Id = "scp.region-deny",
        Title = "Unapproved Regions are not denied by an SCP",
        Severity = Severity.Medium,
        MinimumSeverity = Severity.Low,
        Description =
            "Member accounts where an enabled Region the policy does not approve is not denied by the service control "
            + "policies in effect (regional calls such as ec2:RunInstances still allowed); names the Regions left open and "
            + "the principals exempted. Low when a condition keeps the scanner from telling; the management account is not governed by SCPs.",
        Remediation =
            "Attach a Region-deny SCP to the account's OU (or the root): Effect Deny, NotAction listing only the global "
            + "services you use, Resource \"*\", Condition StringNotEquals aws:RequestedRegion [the approved Regions], with "
            + "ArnNotLike aws:PrincipalArn for the few roles that must work everywhere. With Control Tower, add the Regions to "
            + "the landing zone's Region deny control or enable CT.MULTISERVICE.PV.1 on the OU.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.ServiceControlPolicies, DataSource.Regions],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (inventory.Account.Guardrails is not { } guardrails || policy.ApprovedRegions.Count == 0)
        {
            return [];
        }

        if (inventory.Account.IsManagementAccount)
        {
            return [GuardrailResults.NotGoverned(Definition, inventory, "Region")];
        }

        var evaluator = new GuardrailEvaluator(guardrails);
        var unapproved = inventory.EnabledRegions.Select(r => r.Name).Where(r => !policy.ApprovedRegions.Contains(r))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var answers = unapproved.SelectMany(region => RegionalProbes.Select(action => evaluator.Evaluate(new GuardrailQuestion(action, region)))).ToList();
        if (answers.FirstOrDefault(a => a.Verdict == GuardrailVerdict.Error) is { } error)
        {
            return [GuardrailResults.Unreadable(Definition, inventory, "Region", error)];
        }

        var account = CheckText.Account(inventory.Account);
        var approved = string.Join(", ", policy.ApprovedRegions.Order(StringComparer.Ordinal));
        var details = new Dictionary<string, string>(GuardrailResults.Details(answers), StringComparer.Ordinal) { ["ApprovedRegions"] = approved };
        var open = answers.Where(a => a.Verdict == GuardrailVerdict.NotDenied).ToList();
        if (open.Count > 0)
        {
            var regions = GuardrailResults.RegionsText(open);
            details["OpenRegions"] = string.Join(",", open.Select(a => a.Question.Region).Distinct(StringComparer.Ordinal));
            return [Definition.Failed(inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
                $"Region guardrail missing in {account}: {regions} not denied",
                $"{account} has enabled {regions}, which the policy does not approve for it (approved: {approved}), and no service "
                + $"control policy on its path ({GuardrailResults.PathText(guardrails)}) denies regional calls there "
                + $"({CheckText.JoinAnd([.. open.Select(a => a.Question.Action).Distinct(StringComparer.Ordinal)])} are allowed). "
                + "Anyone with permissions in the account can run workloads there, away from the monitoring, backups and "
                + $"data-residency commitments of the approved Regions. {GuardrailResults.NotesText(open)}",
                details)];
        }

        var unknown = answers.Where(a => a.Verdict == GuardrailVerdict.CannotTell).ToList();
        if (unknown.Count > 0)
        {
            return [GuardrailResults.CannotTell(Definition, inventory, "Region", $"regional calls in {GuardrailResults.RegionsText(unknown)}", unknown, details)];
        }

        return [Definition.Passed(inventory, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
            $"Region guardrail in effect for {account}",
            unapproved.Count == 0
                ? $"{account} has no enabled Region outside the approved ones ({approved})."
                : $"The service control policies on the path of {account} deny regional calls in {CheckText.JoinAnd(unapproved)}, the "
                  + $"enabled Regions it is not approved for. {GuardrailResults.ExemptedText(answers)}",
            details)];
    }
}

/// <summary>The wording and shapes every guardrail check shares.</summary>
internal static class GuardrailResults
{
    /// <summary>Where a global service's calls are made (IAM and Organizations have one endpoint per partition).</summary>
    public static string GlobalRegion(string partition) => partition switch
    {
        "aws-us-gov" => "us-gov-west-1",
        "aws-cn" => "cn-north-1",
        _ => "us-east-1",
    };

    /// <summary>Every enabled Region, or the home Region when the list could not be read.</summary>
    public static IReadOnlyList<string> Regions(AccountInventory inventory) =>
        inventory.EnabledRegions.Count == 0
            ? [inventory.HomeRegion]
            : [.. inventory.EnabledRegions.Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static CheckResult NotGoverned(CheckMetadata metadata, AccountInventory inventory, string subject) =>
        metadata.Passed(inventory, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
            $"{subject} guardrail does not apply to the management account",
            $"{CheckText.Account(inventory.Account)} is the organization's management account. Service control policies never "
            + "restrict the management account, so no SCP can enforce this guardrail there; keep it for billing and "
            + "governance only and guard it with few, MFA-protected administrators.")
        with
        { Status = CheckStatus.NotApplicable };

    public static CheckResult Unreadable(CheckMetadata metadata, AccountInventory inventory, string subject, GuardrailAnswer error) =>
        metadata.Failed(inventory, Severity.Medium, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
            $"{subject} guardrail could not be evaluated: an SCP cannot be read",
            $"The scanner could not tell whether the {subject} guardrail is in effect for {CheckText.Account(inventory.Account)}: "
            + $"{string.Join("; ", error.Errors)}. Until it can read every policy on the account's path, it cannot say what they deny.")
        with
        { Status = CheckStatus.Error, Reason = string.Join("; ", error.Errors) };

    public static CheckResult CannotTell(CheckMetadata metadata, AccountInventory inventory, string subject, string calls, IReadOnlyList<GuardrailAnswer> unknown, IReadOnlyDictionary<string, string> details) =>
        metadata.Failed(inventory, Severity.Low, inventory.HomeRegion, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
            $"{subject} guardrail cannot be confirmed in {CheckText.Account(inventory.Account)}",
            $"Whether {calls} are denied in {CheckText.Account(inventory.Account)} depends on conditions the scanner cannot "
            + $"evaluate. {NotesText(unknown)} Review those statements: if they are meant to deny, use aws:RequestedRegion "
            + "and aws:PrincipalArn conditions, which the scanner can check.",
            details);

    public static string RegionsText(IEnumerable<GuardrailAnswer> answers) =>
        CheckText.JoinAnd([.. answers.Select(a => a.Question.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>The principals exempted, for a passing result's description.</summary>
    public static string ExemptedText(IEnumerable<GuardrailAnswer> answers)
    {
        var exempted = Exempted(answers);
        return exempted.Count == 0 ? "No principal is exempted." : $"Exempted principals: {string.Join(", ", exempted)}.";
    }

    public static string NotesText(IEnumerable<GuardrailAnswer> answers)
    {
        var notes = answers.SelectMany(a => a.Notes).Distinct(StringComparer.Ordinal).Take(3).ToList();
        return notes.Count == 0 ? "" : "Found: " + string.Join("; ", notes) + ".";
    }

    public static string PathText(OrganizationGuardrails guardrails) =>
        string.Join(", ", guardrails.PolicyPath.Select(t => $"{GuardrailEvaluator.Describe(t)}: {(t.Policies.Count == 0 ? "none" : string.Join(", ", t.Policies.Select(p => p.Name)))}"));

    public static IReadOnlyDictionary<string, string> Details(IEnumerable<GuardrailAnswer> answers)
    {
        var list = answers.ToList();
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Exempted(list) is { Count: > 0 } exempted)
        {
            details["ExemptedPrincipals"] = string.Join(",", exempted);
        }

        var deniedBy = list.SelectMany(a => a.DeniedBy).Distinct(StringComparer.Ordinal).ToList();
        if (deniedBy.Count > 0)
        {
            details["DeniedBy"] = string.Join("; ", deniedBy);
        }

        return details;
    }

    private static List<string> Exempted(IEnumerable<GuardrailAnswer> answers) =>
        [.. answers.SelectMany(a => a.ExemptedPrincipals).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
}
