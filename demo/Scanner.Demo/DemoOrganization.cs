using System.Globalization;
using System.IO.Compression;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Ec2Tag = Amazon.EC2.Model.Tag;

namespace Scanner.Demo;

/// <summary>
/// Builds, in a moto server, an organization shaped like a real one, with one of each problem the scanner finds
/// and the cases that must not be findings beside them. <see cref="ExpectedDemoFindings"/> lists the outcome.
/// </summary>
/// <remarks>
/// Layout (OU path → account):
/// <code>
/// Root ── management (123456789012; EC2 instance legacy-reporting: a management-account workload;
///          organization trail org-trail: multi-Region, logging, log file validation OFF; and the baseline, none of it
///          a workload: stacks org-baseline, billing-alerts and the scanner's own, StackSet org-security-baseline,
///          a KMS key, the trail's log group, the CUR and SAM buckets, SNS topic org-security-alerts, the scanner's functions)
///   Security        security-tooling, log-archive               (clean)
///   Infrastructure  network (no owner tag), shared-services (IAM user ci-deploy with an active key, no console)
///   Workloads       payments-dev (users breakglass: exempt from iam.local-user for 10 more days, and old-exempt:
///                   exemption expired)
///     Production    payments-prod (user alice: console password, no MFA, tagged exempt '*' by her own account,
///                   which the policy refuses; instance payments-batch-eu in
///                   eu-central-1; Lambda payments-api without cost-center)
///   Sandbox         sandbox-1 (no cost-center tag, which the Sandbox override allows; a well-tagged instance;
///                   Security Hub off; the one OU without the Region-deny SCP)
///   (no OU)         legacy-analytics (directly under the root: only the root's guardrails reach it)
/// </code>
/// Guardrails: the Region-deny SCP deny-unapproved-regions is attached to the Security, Infrastructure and Workloads OUs,
/// not to Sandbox; protect-cloudtrail (exempting the trail administrators' role) and org-root-guardrails (no leaving the
/// organization, no IAM users but through the break-glass role) are attached to the root. The security baseline is on as a
/// real organization runs it, except one planted gap each: Security Hub in the approved Regions of every account but
/// sandbox-1; AWS Config recording in the approved Regions of every account, with network's recorder in eu-west-1 stopped;
/// GuardDuty in every enabled Region of every account, with log-archive's detector in us-west-2 suspended; GuardDuty and
/// Config delegated to security-tooling, and Security Hub to nobody ("delegated to the management account" cannot be
/// seeded: AWS and moto refuse the management account in RegisterDelegatedAdministrator). CloudTrail is not delegated
/// either, because moto refuses its service principal there: the demo shows that finding too.
/// </remarks>
public static class DemoOrganization
{
    public const string HomeRegion = "us-east-1";
    public const string ManagementAccountName = "management";
    public const string TrailName = "org-trail";
    public const string TrailBucket = "demo-org-trail-logs";
    public const string TrailLogGroup = "aws-cloudtrail-logs-org-trail";
    public const string CurBucket = "demo-org-cur-reports";
    public const string SamBucket = "aws-sam-cli-managed-default-samclisourcebucket-1a2b3c4d5e6f";

    /// <summary>The scanner's own stack in the demo: the policy's default scannerStackName.</summary>
    public const string ScannerStackName = Core.Policy.ScanPolicy.DefaultScannerStackName;
    public const string RegionGuardPolicyName = "deny-unapproved-regions";
    public const string CloudTrailProtectionPolicyName = "protect-cloudtrail";
    public const string RootGuardrailsPolicyName = "org-root-guardrails";

    /// <summary>The account left directly under the root, in no OU.</summary>
    public const string LooseAccountName = "legacy-analytics";

    /// <summary>The OUs the Region-deny SCP is attached to: every one but Sandbox.</summary>
    public static readonly IReadOnlyList<string> RegionGuardOus = ["Security", "Infrastructure", "Workloads"];

    /// <summary>Where the Config recorder is left stopped: one account, one approved Region.</summary>
    public static readonly (string Account, string Region) ConfigRecorderStopped = ("network", "eu-west-1");

    /// <summary>Where the GuardDuty detector is suspended: one account, one enabled Region nobody works in.</summary>
    public static readonly (string Account, string Region) GuardDutySuspended = ("log-archive", "us-west-2");

    /// <summary>The account every security service but Security Hub is delegated to.</summary>
    public const string SecurityToolingAccountName = "security-tooling";

    /// <summary>
    /// Service principals delegated to security-tooling. securityhub.amazonaws.com is left undelegated (the planted gap);
    /// cloudtrail.amazonaws.com cannot be: moto accepts only a few principals in RegisterDelegatedAdministrator
    /// (GuardDuty's and config-multiaccountsetup among them, not CloudTrail's or Security Hub's).
    /// </summary>
    public static readonly IReadOnlyList<string> DelegatedServices = ["guardduty.amazonaws.com", "config-multiaccountsetup.amazonaws.com"];

    /// <summary>Config's delivery bucket, in log-archive as a real organization has it (moto does not check that it exists).</summary>
    public const string ConfigBucket = "demo-org-config-logs";

    /// <summary>moto lets any role be assumed; the name matches the scanner's default audit role anyway.</summary>
    public const string MemberRoleName = "OrganizationComplianceAudit";

    public static readonly IReadOnlyList<string> ApprovedRegions = ["us-east-1", "eu-west-1"];

    /// <summary>How many days after seeding breakglass's exemption tag ends.</summary>
    public const int BreakglassExemptionDays = 10;

    public const string PolicyYaml =
        """
        # The demo organization's scan policy.
        approvedRegions: [us-east-1, eu-west-1]
        requiredTags: [owner, cost-center]
        overrides:
          - ou: Sandbox
            removeRequiredTags: [cost-center]
        # Every check runs but iam.root-access-management, which moto cannot answer (it has no
        # iam:ListOrganizationsFeatures; see ExpectedDemoFindings).
        checks: [cloudtrail.organization-trail, config.recorder, guardduty.enabled, iam.access-key, iam.local-user,
          iam.root-access-key, iam.root-mfa, org.delegated-administrator, org.management-account-workload,
          org.ou-placement, region.opt-in-region-enabled, region.resource-outside-approved, scp.cloudtrail-protection,
          scp.iam-user-creation, scp.leave-organization, scp.region-deny, securityhub.enabled,
          tag.account-missing-required, tag.resource-missing-required]
        """;

    private const string Password = "Demo-Passw0rd!2024";

    private static readonly (string Path, string Parent)[] OrganizationalUnits =
    [
        ("Security", ""), ("Infrastructure", ""), ("Workloads", ""), ("Sandbox", ""), ("Workloads/Production", "Workloads"),
    ];

    private static readonly (string Name, string OuPath, (string Key, string Value)[] Tags)[] Accounts =
    [
        ("security-tooling", "Security", [("owner", "security-team"), ("cost-center", "cc-1001")]),
        ("log-archive", "Security", [("owner", "security-team"), ("cost-center", "cc-1001")]),
        ("network", "Infrastructure", [("cost-center", "cc-1002")]),
        ("shared-services", "Infrastructure", [("owner", "platform-team"), ("cost-center", "cc-1002")]),
        ("payments-prod", "Workloads/Production", [("owner", "payments-team"), ("cost-center", "cc-2001")]),
        ("payments-dev", "Workloads", [("owner", "payments-team"), ("cost-center", "cc-2001")]),
        ("sandbox-1", "Sandbox", [("owner", "jane.doe")]),
        (LooseAccountName, "", [("owner", "data-team"), ("cost-center", "cc-4001")]),
    ];

    private static readonly string[] SecurityHubOff = ["sandbox-1"];

    public static Task<DemoOrganizationInfo> SeedAsync(string endpoint, CancellationToken cancellationToken = default)
        => SeedAsync(endpoint, TimeProvider.System, cancellationToken);

    /// <summary>Seeds a freshly reset moto server. Exemption dates are measured from <paramref name="time"/>.</summary>
    public static async Task<DemoOrganizationInfo> SeedAsync(string endpoint, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentNullException.ThrowIfNull(time);
        var ct = cancellationToken;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var resources = new List<DemoResource>();

        using var management = new DemoAccountSession(endpoint, new BasicAWSCredentials("testing", "testing"));
        var org = management.Client(OrganizationsApi.Service, HomeRegion);

        var organization = (await org.SendAsync(SeedOperations.CreateOrganization, new CreateOrganizationRequest(), ct)).Organization;
        var managementId = organization.MasterAccountId;
        var rootId = (await org.SendAsync(OrganizationsApi.ListRoots.Operation, new ListRootsRequest(), ct)).Roots?.FirstOrDefault()?.Id
            ?? throw new InvalidOperationException("The new organization has no root.");
        await org.SendAsync(SeedOperations.TagResource, new TagResourceRequest(managementId, Tags(("owner", "platform-team"), ("cost-center", "cc-0001"))), ct);

        var ous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, parent) in OrganizationalUnits)
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var parentId = parent.Length == 0 ? rootId : ous[parent];
            ous[path] = (await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(parentId, name), ct)).OrganizationalUnit.Id;
        }

        var accountIds = new Dictionary<string, string>(StringComparer.Ordinal) { [ManagementAccountName] = managementId };
        resources.Add(new DemoResource(ManagementAccountName, ManagementAccountName, "AWS::::Account", HomeRegion, ResourceTypes.AccountResourceId(managementId)));
        foreach (var (name, ouPath, tags) in Accounts)
        {
            var id = await CreateAccountAsync(org, name, Tags(tags), ct);
            if (ouPath.Length > 0)
            {
                await org.SendAsync(SeedOperations.MoveAccount, new MoveAccountRequest(id, rootId, ous[ouPath]), ct);
            }

            accountIds[name] = id;
            resources.Add(new DemoResource(name, name, "AWS::::Account", HomeRegion, ResourceTypes.AccountResourceId(id)));
        }

        await SeedGuardrailsAsync(org, rootId, ous, ct);
        foreach (var service in DelegatedServices)
        {
            await org.SendAsync(SeedOperations.RegisterDelegatedAdministrator,
                new RegisterDelegatedAdministratorRequest(accountIds[SecurityToolingAccountName], service), ct);
        }

        foreach (var (name, principal) in new[] { (SecurityHubDelegation, "securityhub.amazonaws.com"), (CloudTrailDelegation, "cloudtrail.amazonaws.com") })
        {
            resources.Add(new DemoResource(ManagementAccountName, name, ResourceTypes.Other, HomeRegion, DelegatedAdministratorCheck.ResourceId(managementId, principal)));
        }

        // The management account: the organization trail (baseline) and one workload that does not belong there.
        await DemoS3.CreateBucketAsync(endpoint, TrailBucket, ct);
        resources.Add(new DemoResource(ManagementAccountName, TrailBucket, "AWS::S3::Bucket", HomeRegion, $"arn:aws:s3:::{TrailBucket}"));
        var cloudTrail = management.Client(CloudTrailApi.Service, HomeRegion);
        var trail = await cloudTrail.SendAsync(SeedOperations.CreateTrail,
            new CreateTrailRequest(TrailName, TrailBucket, IsMultiRegionTrail: true, IsOrganizationTrail: true, EnableLogFileValidation: false), ct);
        await cloudTrail.SendAsync(SeedOperations.StartLogging, new TrailNameRequest(TrailName), ct);
        resources.Add(new DemoResource(ManagementAccountName, TrailName, "AWS::CloudTrail::Trail", HomeRegion, trail.TrailArn));
        resources.AddRange(await SeedManagementBaselineAsync(management, endpoint, managementId, ct));
        resources.Add(await RunInstanceAsync(management, ManagementAccountName, HomeRegion, "legacy-reporting",
            [("owner", "finance-team"), ("cost-center", "cc-3001")], ct));

        var sessions = new Dictionary<string, DemoAccountSession>(StringComparer.Ordinal) { [ManagementAccountName] = management };
        try
        {
            foreach (var (name, _, _) in Accounts)
            {
                sessions[name] = await DemoAccountSession.AssumeAsync(endpoint, accountIds[name], MemberRoleName, ct);
            }

            resources.AddRange(await SeedSharedServicesAsync(sessions["shared-services"], ct));
            resources.AddRange(await SeedPaymentsProdAsync(sessions["payments-prod"], ct));
            resources.AddRange(await SeedPaymentsDevAsync(sessions["payments-dev"], today, ct));
            resources.Add(await RunInstanceAsync(sessions["sandbox-1"], "sandbox-1", "us-east-1", "sandbox-experiment",
                [("owner", "jane.doe"), ("cost-center", "cc-9001")], ct));

            var enabledRegions = (await management.Ec2(HomeRegion).DescribeRegionsAsync(new DescribeRegionsRequest(), ct)).Regions
                .Select(r => r.RegionName).Order(StringComparer.Ordinal).ToList();
            foreach (var (name, session) in sessions)
            {
                await SeedSecurityBaselineAsync(name, session, accountIds[name], enabledRegions, ct);
            }
        }
        finally
        {
            foreach (var (name, session) in sessions)
            {
                if (name != ManagementAccountName)
                {
                    session.Dispose();
                }
            }
        }

        return new DemoOrganizationInfo
        {
            Endpoint = endpoint,
            OrganizationId = organization.Id,
            ManagementAccountId = managementId,
            RootId = rootId,
            AccountIds = accountIds,
            OrganizationalUnitIds = ous,
            Resources = resources,
            SecurityHubDisabledAccounts = SecurityHubOff,
            SecurityHubRegions = ApprovedRegions,
            TrailName = TrailName,
            TrailArn = trail.TrailArn,
            PolicyYaml = PolicyYaml,
        };
    }

    /// <summary>The demo's names for Security Hub's and CloudTrail's (missing) delegations, org.delegated-administrator subjects.</summary>
    public const string SecurityHubDelegation = "delegated-administrator/securityhub.amazonaws.com";

    public const string CloudTrailDelegation = "delegated-administrator/cloudtrail.amazonaws.com";

    /// <summary>
    /// The guardrail SCPs: the Region deny on every OU but Sandbox, CloudTrail protection and the root guardrails at the
    /// root (beside FullAWSAccess, which Organizations attaches everywhere).
    /// </summary>
    private static async Task SeedGuardrailsAsync(ProtocolClient org, string rootId, Dictionary<string, string> ous, CancellationToken ct)
    {
        var regionGuard = await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(RegionGuardScp(), "Denies every action outside the approved regions.", RegionGuardPolicyName), ct);
        foreach (var ou in RegionGuardOus)
        {
            await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(regionGuard.Policy.PolicySummary.Id, ous[ou]), ct);
        }

        var trail = await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(
            CloudTrailProtectionScp, "Nobody but the trail administrators may stop, delete or change a trail.", CloudTrailProtectionPolicyName), ct);
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(trail.Policy.PolicySummary.Id, rootId), ct);
        var root = await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(
            RootGuardrailsScp, "No leaving the organization; no IAM users or keys but through the break-glass role.", RootGuardrailsPolicyName), ct);
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(root.Policy.PolicySummary.Id, rootId), ct);
    }

    /// <summary>
    /// One account's security baseline, as a real organization runs it: Security Hub and a recording AWS Config in every
    /// approved Region, a GuardDuty detector in every enabled Region; less the planted gaps (Security Hub off in sandbox-1,
    /// network's recorder in eu-west-1 stopped, log-archive's detector in us-west-2 suspended).
    /// </summary>
    private static async Task SeedSecurityBaselineAsync(
        string name, DemoAccountSession session, string accountId, IReadOnlyList<string> enabledRegions, CancellationToken ct)
    {
        foreach (var region in ApprovedRegions)
        {
            if (!SecurityHubOff.Contains(name, StringComparer.Ordinal))
            {
                await session.Client(SecurityHubApi.Service, region).SendAsync(SeedOperations.EnableSecurityHub, new EnableSecurityHubRequest(), ct);
            }

            var config = session.Client(ConfigServiceApi.Service, region);
            await config.SendAsync(SeedOperations.PutConfigurationRecorder, new PutConfigurationRecorderRequest(new ConfigurationRecorderInput(
                "default", $"arn:aws:iam::{accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", new RecordingGroup(true, true))), ct);
            await config.SendAsync(SeedOperations.PutDeliveryChannel, new PutDeliveryChannelRequest(new DeliveryChannelInput("default", ConfigBucket)), ct);
            if ((name, region) != ConfigRecorderStopped)
            {
                await config.SendAsync(SeedOperations.StartConfigurationRecorder, new RecorderNameRequest("default"), ct);
            }
        }

        foreach (var region in enabledRegions)
        {
            await session.Client(GuardDutyApi.Service, region).SendAsync(SeedOperations.CreateDetector,
                new CreateDetectorRequest(Enable: (name, region) != GuardDutySuspended), ct);
        }
    }

    /// <summary>
    /// What a real management account holds besides the organization trail, none of it a workload: two CloudFormation
    /// stacks and a StackSet, a KMS key, the trail's log group, the Cost and Usage Report bucket, SAM's artifact bucket,
    /// an SNS alert topic, and the scanner's own stack with its two functions.
    /// </summary>
    private static async Task<IEnumerable<DemoResource>> SeedManagementBaselineAsync(
        DemoAccountSession management, string endpoint, string managementId, CancellationToken ct)
    {
        const string TopicTemplate = """{"Resources":{"Topic":{"Type":"AWS::SNS::Topic"}}}""";
        const string QueueTemplate = """{"Resources":{"ScanQueue":{"Type":"AWS::SQS::Queue"}}}""";
        var owner = Tags(("owner", "platform-team"), ("cost-center", "cc-0001"));
        var list = new List<DemoResource>();
        var cloudFormation = management.Client(SeedOperations.CreateStack.Service, HomeRegion);
        foreach (var (name, template) in new[] { ("org-baseline", TopicTemplate), ("billing-alerts", TopicTemplate), (ScannerStackName, QueueTemplate) })
        {
            var stack = await cloudFormation.SendAsync(SeedOperations.CreateStack, new CreateStackRequest(name, template, owner), ct);
            list.Add(new DemoResource(ManagementAccountName, name, "AWS::CloudFormation::Stack", HomeRegion, stack.StackId ?? name));
        }

        await cloudFormation.SendAsync(SeedOperations.CreateStackSet, new CreateStackSetRequest("org-security-baseline", TopicTemplate, "Security tooling in every account"), ct);

        var key = await management.Client(SeedOperations.CreateKey.Service, HomeRegion).SendAsync(SeedOperations.CreateKey,
            new CreateKeyRequest("Organization trail encryption", [new KmsTag("owner", "platform-team"), new KmsTag("cost-center", "cc-0001")]), ct);
        list.Add(new DemoResource(ManagementAccountName, "org-trail-key", "AWS::KMS::Key", HomeRegion, key.KeyMetadata.Arn ?? key.KeyMetadata.KeyId));

        await management.Client(SeedOperations.CreateLogGroup.Service, HomeRegion).SendAsync(SeedOperations.CreateLogGroup,
            new CreateLogGroupRequest(TrailLogGroup, new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "platform-team", ["cost-center"] = "cc-0001" }), ct);
        list.Add(new DemoResource(ManagementAccountName, TrailLogGroup, "AWS::Logs::LogGroup", HomeRegion, $"arn:aws:logs:{HomeRegion}:{managementId}:log-group:{TrailLogGroup}"));

        foreach (var bucket in new[] { CurBucket, SamBucket })
        {
            await DemoS3.CreateBucketAsync(endpoint, bucket, ct);
            list.Add(new DemoResource(ManagementAccountName, bucket, "AWS::S3::Bucket", HomeRegion, $"arn:aws:s3:::{bucket}"));
        }

        var topic = await management.Client(SeedOperations.CreateTopic.Service, HomeRegion).SendAsync(SeedOperations.CreateTopic,
            new CreateTopicRequest("org-security-alerts", owner), ct);
        list.Add(new DemoResource(ManagementAccountName, "org-security-alerts", "AWS::SNS::Topic", HomeRegion, topic.TopicArn ?? "org-security-alerts"));

        // CloudFormation tags what it creates with aws:cloudformation:stack-name; moto's does not for functions, so the
        // scanner's functions carry the tags CloudFormation gives them in AWS.
        var iam = management.Client(IamApi.Service, HomeRegion);
        var role = (await iam.SendAsync(SeedOperations.CreateRole, new CreateRoleRequest("org-compliance-scanner-functions", LambdaTrustPolicy), ct)).Role;
        foreach (var function in new[] { "org-compliance-scanner-Dispatcher-1A2B3C4D", "org-compliance-scanner-AccountScanner-5E6F7A8B" })
        {
            var created = await management.Client(LambdaApi.Service, HomeRegion).SendAsync(SeedOperations.CreateFunction, new CreateFunctionRequest(
                function, "provided.al2023", role.Arn, "bootstrap", new LambdaCode(HandlerZip()),
                Tags: new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["aws:cloudformation:stack-name"] = ScannerStackName, ["owner"] = "platform-team", ["cost-center"] = "cc-0001",
                },
                Description: "The scanner's own function"), ct);
            list.Add(new DemoResource(ManagementAccountName, function, "AWS::Lambda::Function", HomeRegion, created.FunctionArn));
        }

        return list;
    }

    private static async Task<IEnumerable<DemoResource>> SeedSharedServicesAsync(DemoAccountSession session, CancellationToken ct)
    {
        // A CI pipeline that still deploys with a long-lived key instead of an OIDC role.
        var iam = session.Client(IamApi.Service, HomeRegion);
        var user = (await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest("ci-deploy"), ct)).User;
        var key = (await iam.SendAsync(SeedOperations.CreateAccessKey, new UserRequest("ci-deploy"), ct)).AccessKey;
        return
        [
            new DemoResource("shared-services", "ci-deploy", "AWS::IAM::User", HomeRegion, user.Arn),
            new DemoResource("shared-services", "ci-deploy-key", "AWS::IAM::AccessKey", HomeRegion, AccessKeyResourceId(user, key.AccessKeyId)),
        ];
    }

    private static async Task<IEnumerable<DemoResource>> SeedPaymentsProdAsync(DemoAccountSession session, CancellationToken ct)
    {
        var iam = session.Client(IamApi.Service, HomeRegion);
        // alice's own account tagged her exempt from every check, forever: a self-granted exemption the policy refuses.
        var alice = (await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest("alice", Tags: Tags(("compliance:exempt", "*"))), ct)).User;
        await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest("alice", Password), ct);

        var role = (await iam.SendAsync(SeedOperations.CreateRole, new CreateRoleRequest(
            "payments-api-role", LambdaTrustPolicy, Tags: Tags(("owner", "payments-team"), ("cost-center", "cc-2001"))), ct)).Role;
        var function = await session.Client(LambdaApi.Service, HomeRegion).SendAsync(SeedOperations.CreateFunction, new CreateFunctionRequest(
            "payments-api", "python3.12", role.Arn, "index.handler", new LambdaCode(HandlerZip()),
            Tags: new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "payments-team" },
            Description: "Payments API (missing its cost-center tag)"), ct);

        var instance = await RunInstanceAsync(session, "payments-prod", "eu-central-1", "payments-batch-eu",
            [("owner", "payments-team"), ("cost-center", "cc-2001")], ct);
        return
        [
            new DemoResource("payments-prod", "alice", "AWS::IAM::User", HomeRegion, alice.Arn),
            new DemoResource("payments-prod", "payments-api-role", "AWS::IAM::Role", HomeRegion, role.Arn),
            new DemoResource("payments-prod", "payments-api", "AWS::Lambda::Function", HomeRegion, function.FunctionArn),
            instance,
        ];
    }

    private static async Task<IEnumerable<DemoResource>> SeedPaymentsDevAsync(DemoAccountSession session, DateOnly today, CancellationToken ct)
    {
        var iam = session.Client(IamApi.Service, HomeRegion);

        // A break-glass user with a password and MFA as break-glass users should have, exempt from iam.local-user for
        // ten more days: within the policy's 90-day horizon for tag exemptions, and soon enough to be called out.
        var breakglass = (await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest("breakglass"), ct)).User;
        await iam.SendAsync(SeedOperations.TagUser, new TagUserRequest("breakglass", Tags(
            ("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", Date(today.AddDays(BreakglassExemptionDays))),
            ("compliance:exempt-reason", "Break-glass user; credentials in the safe, reviewed quarterly"))), ct);
        await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest("breakglass", Password), ct);
        var device = (await iam.SendAsync(SeedOperations.CreateVirtualMfaDevice, new CreateVirtualMfaDeviceRequest("breakglass"), ct)).VirtualMFADevice;
        await iam.SendAsync(SeedOperations.EnableMfaDevice, new EnableMfaDeviceRequest("breakglass", device.SerialNumber, "123456", "654321"), ct);

        // A user whose exemption ran out a month ago; its only key was deactivated, not deleted.
        var oldTags = Tags(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", Date(today.AddDays(-30))));
        var old = (await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest("old-exempt", Tags: oldTags), ct)).User;
        var key = (await iam.SendAsync(SeedOperations.CreateAccessKey, new UserRequest("old-exempt"), ct)).AccessKey;
        await iam.SendAsync(SeedOperations.UpdateAccessKey, new UpdateAccessKeyRequest("old-exempt", key.AccessKeyId, "Inactive"), ct);
        return
        [
            new DemoResource("payments-dev", "breakglass", "AWS::IAM::User", HomeRegion, breakglass.Arn),
            new DemoResource("payments-dev", "old-exempt", "AWS::IAM::User", HomeRegion, old.Arn),
            new DemoResource("payments-dev", "old-exempt-key", "AWS::IAM::AccessKey", HomeRegion, AccessKeyResourceId(old, key.AccessKeyId)),
        ];
    }

    private static async Task<string> CreateAccountAsync(ProtocolClient org, string name, List<AwsTag> tags, CancellationToken ct)
    {
        var status = (await org.SendAsync(SeedOperations.CreateAccount, new CreateAccountRequest($"{name}@example.com", name, tags), ct)).CreateAccountStatus;
        for (var attempt = 0; status.State == "IN_PROGRESS" && attempt < 50; attempt++)
        {
            await Task.Delay(100, ct);
            status = (await org.SendAsync(SeedOperations.DescribeCreateAccountStatus, new DescribeCreateAccountStatusRequest(status.Id), ct)).CreateAccountStatus;
        }

        return status is { State: "SUCCEEDED", AccountId: { } id }
            ? id
            : throw new InvalidOperationException($"CreateAccount {name} ended {status.State}: {status.FailureReason}");
    }

    private static async Task<DemoResource> RunInstanceAsync(
        DemoAccountSession session, string accountName, string region, string name, (string Key, string Value)[] tags, CancellationToken ct)
    {
        var ec2 = session.Ec2(region);
        var images = await ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["amazon"],
            Filters = [new Filter("architecture", ["x86_64"])],
        }, ct);
        var image = images.Images?.FirstOrDefault()?.ImageId
            ?? throw new InvalidOperationException($"moto lists no x86_64 Amazon image in {region}.");
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = image,
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.T3Micro,
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = ResourceType.Instance,
                    Tags = [new Ec2Tag("Name", name), .. tags.Select(t => new Ec2Tag(t.Key, t.Value))],
                },
            ],
        }, ct);
        var instance = run.Reservation.Instances[0];
        var owner = run.Reservation.OwnerId;
        return new DemoResource(accountName, name, "AWS::EC2::Instance", region, $"arn:aws:ec2:{region}:{owner}:instance/{instance.InstanceId}");
    }

    /// <summary>Access keys have no ARN; this is the id iam.access-key gives a key.</summary>
    private static string AccessKeyResourceId(IamUserEntry user, string accessKeyId) =>
        AccessKeyCheck.ResourceId(
            new IamUser { UserName = user.UserName, Arn = user.Arn },
            new AccessKey { AccessKeyId = accessKeyId, UserName = user.UserName });

    private static List<AwsTag> Tags(params (string Key, string Value)[] tags) => [.. tags.Select(t => new AwsTag(t.Key, t.Value))];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private const string RegionGuardTemplate =
        """{"Version":"2012-10-17","Statement":[{"Sid":"DenyUnapprovedRegions","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":[REGIONS]}}}]}""";

    private const string CloudTrailProtectionScp =
        """{"Version":"2012-10-17","Statement":[{"Sid":"ProtectCloudTrail","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/org-trail-admin"}}}]}""";

    private const string RootGuardrailsScp =
        """{"Version":"2012-10-17","Statement":[{"Sid":"NoLeavingTheOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"},{"Sid":"NoIamUsers","Effect":"Deny","Action":["iam:CreateUser","iam:CreateLoginProfile","iam:CreateAccessKey"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/breakglass-admin"]}}}]}""";

    private static string RegionGuardScp() =>
        RegionGuardTemplate.Replace("REGIONS", string.Join(",", ApprovedRegions.Select(r => "\"" + r + "\"")), StringComparison.Ordinal);

    private const string LambdaTrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static byte[] HandlerZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("index.py");
            using var writer = new StreamWriter(entry.Open());
            writer.Write("def handler(event, context):\n    return {\"ok\": True}\n");
        }

        return buffer.ToArray();
    }
}
