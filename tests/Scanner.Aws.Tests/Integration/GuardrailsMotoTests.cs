using Scanner.Aws.Collectors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>
/// Guardrails end to end on moto, through the organization read, the scan job's collectors and the checks: a Region-deny
/// SCP on one OU and not the other, a CloudTrail-protection SCP at the root, an account in no OU, a Config recorder
/// stopped in one Region, GuardDuty off in one account. Each is found exactly where planted, and fixing it resolves it.
/// (Delegated administrators: moto refuses Security Hub's service principal and the management account as a delegated
/// administrator, so that part is proven on recorded payloads in ServiceControlPolicyReaderTests.)
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class GuardrailsMotoTests(MotoFixture moto)
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1"];
    private static readonly ScanPolicy Policy = ScanPolicy.Default with
    {
        ApprovedRegions = Regions,
        EnabledChecks = ["scp.region-deny", "scp.cloudtrail-protection", "scp.leave-organization", "org.ou-placement", "config.recorder", "guardduty.enabled"],
    };

    private const string RegionDeny = """
        {"Version":"2012-10-17","Statement":[{"Sid":"DenyAllOutsideApproved","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*",
          "Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},"ArnNotLike":{"aws:PrincipalARN":["arn:aws:iam::*:role/AWSControlTowerExecution"]}}}]}
        """;

    private const string ProtectCloudTrail = """
        {"Version":"2012-10-17","Statement":[{"Sid":"DenyCloudTrailChangesWithException","Effect":"Deny",
          "Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","cloudtrail:PutEventSelectors"],"Resource":["*"],
          "Condition":{"StringNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/name-of-admin-role-to-allow"}}}]}
        """;

    [Fact]
    public async Task Each_planted_gap_is_found_where_planted_and_nowhere_else_and_fixing_it_resolves_it()
    {
        await moto.ResetAsync();
        var ct = CancellationToken.None;
        using var org = moto.Client(OrganizationsApi.Service);
        await org.SendAsync(SeedOperations.CreateOrganization, new CreateOrganizationRequest(), ct);
        var rootId = (await org.SendAsync(OrganizationsApi.ListRoots.Operation, new ListRootsRequest(), ct)).Roots![0].Id;
        var workloadsOu = (await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(rootId, "Workloads"), ct)).OrganizationalUnit.Id;
        var sandboxOu = (await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(rootId, "Sandbox"), ct)).OrganizationalUnit.Id;
        var workload = await CreateAccountAsync(org, "workload-1", ct);
        var sandbox = await CreateAccountAsync(org, "sandbox-1", ct);
        var loose = await CreateAccountAsync(org, "loose-1", ct);
        await org.SendAsync(SeedOperations.MoveAccount, new MoveAccountRequest(workload, rootId, workloadsOu), ct);
        await org.SendAsync(SeedOperations.MoveAccount, new MoveAccountRequest(sandbox, rootId, sandboxOu), ct);
        var regionDeny = (await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(RegionDeny, "Region deny", "deny-unapproved-regions"), ct)).Policy.PolicySummary.Id;
        var protect = (await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(ProtectCloudTrail, "CloudTrail protection", "protect-cloudtrail"), ct)).Policy.PolicySummary.Id;
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(regionDeny, workloadsOu), ct);
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(protect, rootId), ct);

        // Config recording in both Regions of every account except one stopped recorder; GuardDuty everywhere but sandbox-1.
        foreach (var account in new[] { MotoFixture.ManagementAccountId, workload, sandbox, loose })
        {
            var credentials = account == MotoFixture.ManagementAccountId ? MotoFixture.DefaultCredentials : await moto.AssumeAsync(account);
            foreach (var region in Regions)
            {
                await RecordAsync(moto.Client(ConfigServiceApi.Service, region, credentials), start: !(account == workload && region == "eu-west-1"), ct);
                if (account != sandbox)
                {
                    await moto.Client(GuardDutyApi.Service, region, credentials).SendAsync(SeedOperations.CreateDetector, new CreateDetectorRequest(true), ct);
                }
            }
        }

        var first = await ScanAsync(ct);

        Failures(first).Should().BeEquivalentTo(
        [
            ("scp.region-deny", "sandbox-1", "us-east-1"),
            ("scp.region-deny", "loose-1", "us-east-1"),
            ("scp.leave-organization", "workload-1", "us-east-1"),
            ("scp.leave-organization", "sandbox-1", "us-east-1"),
            ("scp.leave-organization", "loose-1", "us-east-1"),
            ("org.ou-placement", "loose-1", "us-east-1"),
            ("config.recorder", "workload-1", "eu-west-1"),
            ("guardduty.enabled", "sandbox-1", "us-east-1"),
            ("guardduty.enabled", "sandbox-1", "eu-west-1"),
        ]);
        first["workload-1"].Single(r => r.CheckId == "scp.region-deny").Description.Should().Contain("AWSControlTowerExecution");
        first["sandbox-1"].Single(r => r.CheckId == "scp.region-deny").Description.Should().Contain("OU 'Sandbox'");
        first["loose-1"].Single(r => r.CheckId == "scp.cloudtrail-protection").Description.Should().Contain("name-of-admin-role-to-allow");
        first["master"].Where(r => r.CheckId.StartsWith("scp.", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(r => r.Status == CheckStatus.NotApplicable);

        // Fix each one: the Region deny and a leave-organization deny at the root, loose-1 into an OU, the recorder started, a detector in sandbox-1.
        var denyLeave = (await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["organizations:LeaveOrganization"],"Resource":"*"}]}""", "No leaving", "deny-leave"), ct)).Policy.PolicySummary.Id;
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(denyLeave, rootId), ct);
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(regionDeny, sandboxOu), ct);
        await org.SendAsync(SeedOperations.MoveAccount, new MoveAccountRequest(loose, rootId, workloadsOu), ct);
        await moto.Client(ConfigServiceApi.Service, "eu-west-1", await moto.AssumeAsync(workload))
            .SendAsync(SeedOperations.StartConfigurationRecorder, new RecorderNameRequest("default"), ct);
        var sandboxCredentials = await moto.AssumeAsync(sandbox);
        foreach (var region in Regions)
        {
            await moto.Client(GuardDutyApi.Service, region, sandboxCredentials).SendAsync(SeedOperations.CreateDetector, new CreateDetectorRequest(true), ct);
        }

        var second = await ScanAsync(ct);

        Failures(second).Should().BeEmpty();
        second.Values.SelectMany(r => r).Should().Contain(r => r.CheckId == "config.recorder" && r.Region == "eu-west-1" && r.Status == CheckStatus.Passed);
    }

    private static List<(string, string, string)> Failures(Dictionary<string, IReadOnlyList<CheckResult>> scans) =>
        [.. scans.SelectMany(s => s.Value.Where(r => r.Status is CheckStatus.Failed or CheckStatus.Error).Select(r => (r.CheckId, s.Key, r.Region)))];

    /// <summary>The organization read once, then each account collected through its audit role and evaluated, as a scan job would.</summary>
    private async Task<Dictionary<string, IReadOnlyList<CheckResult>>> ScanAsync(CancellationToken ct)
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var snapshot = await new OrganizationReader(org, iam: null).ReadAsync(ct);
        var environment = new AwsEnvironment { Region = "us-east-1", EndpointUrl = moto.Endpoint, Credentials = MotoFixture.DefaultCredentials };
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);
        var collector = new AccountCollector(new CollectionOptions { Regions = new HashSet<string>(Regions, StringComparer.Ordinal) }, TimeProvider.System);
        var results = new Dictionary<string, IReadOnlyList<CheckResult>>(StringComparer.Ordinal);
        foreach (var account in snapshot.Accounts)
        {
            var session = await sessions.ForAccountAsync(account.Id, ct);
            var inventory = await collector.CollectAsync(session, account, ct);
            inventory.Gaps.Where(g => g.Service is DataSource.ServiceControlPolicies or DataSource.Config or DataSource.GuardDuty).Should().BeEmpty();
            results[account.Name] = Evaluator.Run(inventory, Policy).Results;
        }

        return results;
    }

    private static async Task<string> CreateAccountAsync(ProtocolClient org, string name, CancellationToken ct)
    {
        var status = (await org.SendAsync(SeedOperations.CreateAccount, new CreateAccountRequest($"{name}@example.com", name), ct)).CreateAccountStatus;
        return status.AccountId ?? throw new InvalidOperationException($"moto did not create {name} at once.");
    }

    private static async Task RecordAsync(ProtocolClient config, bool start, CancellationToken ct)
    {
        await config.SendAsync(SeedOperations.PutConfigurationRecorder, new PutConfigurationRecorderRequest(
            new ConfigurationRecorderInput("default", "arn:aws:iam::123456789012:role/config", new RecordingGroup(true, true))), ct);
        await config.SendAsync(SeedOperations.PutDeliveryChannel, new PutDeliveryChannelRequest(new DeliveryChannelInput("default", "config-bucket")), ct);
        if (start)
        {
            await config.SendAsync(SeedOperations.StartConfigurationRecorder, new RecorderNameRequest("default"), ct);
        }
    }
}
