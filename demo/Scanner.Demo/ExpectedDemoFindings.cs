namespace Scanner.Demo;

/// <summary>
/// Exactly which results the seeded demo organization must produce under its policy, for the end-to-end test and
/// for whoever changes the demo: a change here is a change to the demo's story. Everything not listed passes
/// (or, for checks with nothing to look at, reports nothing). AccountName is the demo's name for the account
/// (moto itself names the management account "master"); ResourceName is <see cref="DemoResource.Name"/>, and
/// <see cref="DemoOrganizationInfo.Resource"/> gives the resource id a finding carries.
/// </summary>
/// <remarks>
/// What the emulator cannot show, so no result is expected: the root-user checks (moto's credential report has no
/// &lt;root_account&gt; row), region.opt-in-region-enabled (moto never reports a region as opted-in, and nothing can
/// opt one in), and Security Hub being off in sandbox-1 through the publisher (moto accepts GetFindings and
/// BatchImportFindings in an account where Security Hub is not enabled; only DescribeHub says InvalidAccessException,
/// so a test that wants the refusal puts a fault-injecting proxy in front of moto), iam.root-access-management (moto
/// has no iam:ListOrganizationsFeatures and answers 500: the management account's scan records that one gap and warns
/// about it, and the check says nothing there; its wire shape is proven on a recorded answer instead), and a security
/// service delegated to the management account (moto, like AWS Organizations, refuses RegisterDelegatedAdministrator for
/// the management account: the demo leaves Security Hub undelegated instead; the management-account case is proven on
/// recorded payloads in ServiceControlPolicyReaderTests; nor can CloudTrail be delegated, so its finding shows too). The scp.* checks report NOT_APPLICABLE for the management
/// account, which SCPs never govern.
/// </remarks>
public static class ExpectedDemoFindings
{
    public const string LocalUser = "iam.local-user";
    public const string AccessKey = "iam.access-key";
    public const string ManagementAccountWorkload = "org.management-account-workload";
    public const string OrganizationTrail = "cloudtrail.organization-trail";
    public const string ResourceOutsideApprovedRegion = "region.resource-outside-approved";
    public const string AccountMissingRequiredTags = "tag.account-missing-required";
    public const string ResourceMissingRequiredTags = "tag.resource-missing-required";
    public const string RegionDeny = "scp.region-deny";
    public const string OuPlacement = "org.ou-placement";
    public const string ConfigRecorder = "config.recorder";
    public const string GuardDutyEnabled = "guardduty.enabled";
    public const string SecurityHubEnabled = "securityhub.enabled";
    public const string DelegatedAdministrator = "org.delegated-administrator";
    public const string CloudTrailProtection = "scp.cloudtrail-protection";

    /// <summary>Every FAILED result, and nothing else fails.</summary>
    public static IReadOnlyList<ExpectedDemoFinding> Failed { get; } =
    [
        new(LocalUser, "shared-services", "ci-deploy", "Medium: an active access key, no console password."),
        new(AccessKey, "shared-services", "ci-deploy-key", "Medium: the key is new and never used, so neither too old nor idle too long."),
        new(LocalUser, "payments-prod", "alice", "High: console password without MFA; her self-granted exemption tag is refused."),
        new(ResourceOutsideApprovedRegion, "payments-prod", "payments-batch-eu", "EC2 instance in eu-central-1; approved are us-east-1 and eu-west-1."),
        new(ResourceMissingRequiredTags, "payments-prod", "payments-api", "Lambda function with owner but no cost-center."),
        new(LocalUser, "payments-dev", "old-exempt", "Low: its exemption (iam.local-user) expired; its only key is inactive."),
        new(AccountMissingRequiredTags, "network", "network", "The account has cost-center but no owner."),
        new(ManagementAccountWorkload, "management", "legacy-reporting", "EC2 instance in the management account."),
        new(OrganizationTrail, "management", DemoOrganization.TrailName, "Medium: organization, multi-Region and logging, but log file validation off."),
        new(RegionDeny, "sandbox-1", "sandbox-1", "Sandbox is the one OU without the Region-deny SCP: every unapproved enabled Region is open."),
        new(RegionDeny, DemoOrganization.LooseAccountName, DemoOrganization.LooseAccountName,
            "Directly under the root, it gets none of the OUs' Region denies: what its OU placement finding warns of."),
        new(OuPlacement, DemoOrganization.LooseAccountName, DemoOrganization.LooseAccountName, "Medium: directly under the root, in no OU."),
        new(ConfigRecorder, DemoOrganization.ConfigRecorderStopped.Account, DemoOrganization.ConfigRecorderStopped.Account,
            "High: the recorder in eu-west-1 (an approved Region) is stopped.", DemoOrganization.ConfigRecorderStopped.Region),
        new(GuardDutyEnabled, DemoOrganization.GuardDutySuspended.Account, DemoOrganization.GuardDutySuspended.Account,
            "High: the detector in us-west-2, an enabled Region nobody is approved to use, is suspended.", DemoOrganization.GuardDutySuspended.Region),
        new(SecurityHubEnabled, "sandbox-1", "sandbox-1", "High: Security Hub is off in sandbox-1, in us-east-1...", "us-east-1"),
        new(SecurityHubEnabled, "sandbox-1", "sandbox-1", "...and in eu-west-1, both approved Regions.", "eu-west-1"),
        new(DelegatedAdministrator, "management", DemoOrganization.SecurityHubDelegation,
            "Medium: GuardDuty and Config are delegated to security-tooling, Security Hub to nobody."),
        new(DelegatedAdministrator, "management", DemoOrganization.CloudTrailDelegation,
            "Medium: not planted: moto refuses cloudtrail.amazonaws.com in RegisterDelegatedAdministrator, so CloudTrail has none."),
    ];

    /// <summary>Results that fail the check but are EXEMPTED by a tag whose expiry is in the future.</summary>
    public static IReadOnlyList<ExpectedDemoFinding> Exempted { get; } =
    [
        new(LocalUser, "payments-dev", "breakglass", "Tagged compliance:exempt=iam.local-user until 10 days after seeding; console password with MFA."),
    ];

    /// <summary>
    /// Every row of the exemption register under the demo's policy (`exemptions`): the exemption in force (expiring
    /// within the policy's 14-day warning period, so the scan summary calls it out), the expired one, and the
    /// self-granted one the policy refuses. All three are tags on IAM users; the demo's policy file declares none.
    /// </summary>
    public static IReadOnlyList<ExpectedDemoExemption> Exemptions { get; } =
    [
        new("IN_FORCE", "resource-tag", LocalUser, "payments-dev", "breakglass", null, "Named check, expiry 10 days ahead (within 90), with a reason tag."),
        new("EXPIRED", "resource-tag", LocalUser, "payments-dev", "old-exempt", null, "Its compliance:exempt-until passed 30 days before seeding."),
        new("REFUSED", "resource-tag", LocalUser, "payments-prod", "alice", "tagExemptions.allowWildcard, tagExemptions.requireExpiry",
            "compliance:exempt=* with no expiry, set by the audited account itself."),
    ];

    /// <summary>
    /// Things that look like findings but must not be: they show the policy and the baseline rules at work.
    /// </summary>
    public static IReadOnlyList<ExpectedDemoFinding> MustNotFail { get; } =
    [
        new(AccountMissingRequiredTags, "sandbox-1", "sandbox-1", "No cost-center tag, but the Sandbox OU override removes cost-center."),
        new(ResourceMissingRequiredTags, "sandbox-1", "sandbox-experiment", "Tagged owner and cost-center, in us-east-1."),
        new(ManagementAccountWorkload, "management", DemoOrganization.TrailBucket, "The organization trail's bucket is baseline."),
        new(ManagementAccountWorkload, "management", DemoOrganization.TrailName, "The trail is baseline."),
        new(ManagementAccountWorkload, "management", "org-baseline", "A CloudFormation stack is governance baseline."),
        new(ManagementAccountWorkload, "management", "billing-alerts", "A CloudFormation stack is governance baseline."),
        new(ManagementAccountWorkload, "management", DemoOrganization.ScannerStackName, "The scanner's own stack."),
        new(ManagementAccountWorkload, "management", "org-trail-key", "A KMS key is governance baseline."),
        new(ManagementAccountWorkload, "management", DemoOrganization.TrailLogGroup, "The trail's log group is audit baseline."),
        new(ManagementAccountWorkload, "management", DemoOrganization.CurBucket, "The Cost and Usage Report bucket (a *-cur-* name)."),
        new(ManagementAccountWorkload, "management", DemoOrganization.SamBucket, "SAM's artifact bucket."),
        new(ManagementAccountWorkload, "management", "org-security-alerts", "An SNS alert topic is notification baseline."),
        new(ManagementAccountWorkload, "management", "org-compliance-scanner-Dispatcher-1A2B3C4D", "A function of the scanner's own stack."),
        new(ManagementAccountWorkload, "management", "org-compliance-scanner-AccountScanner-5E6F7A8B", "A function of the scanner's own stack."),
        new(AccessKey, "payments-dev", "old-exempt-key", "Its key is inactive."),
        new(RegionDeny, "payments-prod", "payments-prod", "Workloads/Production inherits the Workloads OU's Region deny."),
        new(RegionDeny, "security-tooling", "security-tooling", "The Security OU has the Region deny."),
        new(CloudTrailProtection, DemoOrganization.LooseAccountName, DemoOrganization.LooseAccountName,
            "The root's protect-cloudtrail SCP reaches even the account in no OU."),
        new(ConfigRecorder, "network", "network", "Its recorder in us-east-1 is recording; only eu-west-1's is stopped."),
        new(GuardDutyEnabled, "log-archive", "log-archive", "Its detector in us-east-1 is enabled; only us-west-2's is suspended."),
        new(SecurityHubEnabled, "payments-prod", "payments-prod", "Enabled in the approved Regions; not required elsewhere.", "eu-west-1"),
    ];
}

/// <summary>
/// One expected result: which check, in which demo account, about which demo resource, and why; Region when the result
/// is not in the resource's own Region (an account's baseline is judged Region by Region).
/// </summary>
public sealed record ExpectedDemoFinding(string CheckId, string AccountName, string ResourceName, string Why, string? Region = null);

/// <summary>One expected row of the exemption register: its state, where it was declared, which result, which rules refused it, and why.</summary>
public sealed record ExpectedDemoExemption(string State, string Source, string CheckId, string AccountName, string ResourceName, string? RefusedBy, string Why);
