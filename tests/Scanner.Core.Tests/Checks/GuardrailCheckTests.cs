namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;
using static Scanner.Testing.Inventory.GuardrailMake;

public sealed class GuardrailCheckTests
{
    private static readonly OrganizationalUnit Workloads = Make.Ou("ou-ab12-workload", "Workloads");
    private static readonly AccountPolicy Approved = new() { ApprovedRegions = new HashSet<string>(["eu-west-1", "eu-central-1"], StringComparer.Ordinal) };

    private static AccountInventory Member(OrganizationGuardrails guardrails) => InventoryBuilder.Member().InOus(Workloads)
        .Region("eu-west-1").Region("eu-central-1").Region("us-east-1").Region("ap-southeast-2").Build().Governed(guardrails);

    private static OrganizationGuardrails WithOu(params ServiceControlPolicy[] ouPolicies) =>
        Path([FullAwsAccess], null, (Workloads, [FullAwsAccess, .. ouPolicies]));

    [Fact]
    public void Region_deny_on_the_OU_passes_and_names_the_exempted_roles()
    {
        var result = Scenario.Run(new RegionDenyGuardrailCheck(), Member(WithOu(Scp("RegionDeny", RealWorldPolicies.AwsRegionDeny))), Approved).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Passed);
        result.Description.Should().Contain("ap-southeast-2 and us-east-1").And.Contain("Role1AllowedToBypassThisSCP").And.Contain("Role2AllowedToBypassThisSCP");
        result.Details["ExemptedPrincipals"].Should().Contain("Role1AllowedToBypassThisSCP");
    }

    [Fact]
    public void Without_a_region_deny_the_unapproved_regions_are_named_as_open()
    {
        var result = Scenario.Run(new RegionDenyGuardrailCheck(), Member(WithOu()), Approved).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Contain("ap-southeast-2 and us-east-1 not denied");
        result.Details["OpenRegions"].Should().Be("ap-southeast-2,us-east-1");
        result.Description.Should().Contain("OU 'Workloads'").And.Contain("ec2:RunInstances");
    }

    [Fact]
    public void A_region_deny_that_approves_a_region_the_policy_does_not_leaves_that_region_open()
    {
        var controlTower = Scp("aws-guardrails-RegionDeny", RealWorldPolicies.ControlTowerRegionDeny);

        var result = Scenario.Run(new RegionDenyGuardrailCheck(), Member(WithOu(controlTower)), Approved).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed, "Control Tower governs us-east-1 but the policy does not approve it");
        result.Details["OpenRegions"].Should().Be("us-east-1");
    }

    [Fact]
    public void The_management_account_is_not_governed_by_SCPs_and_says_so()
    {
        var management = InventoryBuilder.Management().Region("us-east-1").Build().Governed(Path([FullAwsAccess]));

        foreach (var check in new ICheck[] { new RegionDenyGuardrailCheck(), new CloudTrailProtectionGuardrailCheck(), new IamUserCreationGuardrailCheck(), new LeaveOrganizationGuardrailCheck() })
        {
            var result = Scenario.Run(check, management, Approved).Should().ContainSingle().Subject;
            result.Status.Should().Be(CheckStatus.NotApplicable, check.Metadata.Id);
            result.Description.Should().Contain("never restrict the management account");
        }
    }

    [Fact]
    public void CloudTrail_protection_at_the_root_passes_for_every_member_and_names_the_privileged_role()
    {
        var inventory = Member(Path([FullAwsAccess, Scp("ProtectCloudTrail", RealWorldPolicies.CloudTrailProtectionWithBreakGlass)], null, (Workloads, [FullAwsAccess])));

        var result = Scenario.Run(new CloudTrailProtectionGuardrailCheck(), inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Passed);
        result.Description.Should().Contain("name-of-admin-role-to-allow");
        result.Details["DeniedBy"].Should().Contain("ProtectCloudTrail");
    }

    [Fact]
    public void CloudTrail_protection_scoped_to_control_tower_trails_leaves_other_trails_open()
    {
        var inventory = Member(WithOu(Scp("aws-guardrails-CloudTrail", RealWorldPolicies.ControlTowerCloudTrailProtection)));

        var result = Scenario.Run(new CloudTrailProtectionGuardrailCheck(), inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Contain("cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail and cloudtrail:PutEventSelectors not denied");
        result.Description.Should().Contain("only for some resources");
    }

    [Fact]
    public void IAM_user_creation_denied_except_a_break_glass_role_passes_and_names_it()
    {
        var denyUsers = Scp("DenyIamUsers", """
            {"Version":"2012-10-17","Statement":[{"Sid":"NoIamUsers","Effect":"Deny","Action":["iam:CreateUser","iam:CreateLoginProfile","iam:CreateAccessKey"],"Resource":"*",
              "Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}}]}
            """);

        var passed = Scenario.Run(new IamUserCreationGuardrailCheck(), Member(WithOu(denyUsers))).Should().ContainSingle().Subject;
        var failed = Scenario.Run(new IamUserCreationGuardrailCheck(), Member(WithOu())).Should().ContainSingle().Subject;

        passed.Status.Should().Be(CheckStatus.Passed);
        passed.Details["ExemptedPrincipals"].Should().Be("arn:aws:iam::*:role/BreakGlass");
        failed.Status.Should().Be(CheckStatus.Failed);
        failed.Title.Should().Contain("iam:CreateUser, iam:CreateLoginProfile and iam:CreateAccessKey not denied");
    }

    [Fact]
    public void Leaving_the_organization_denied_at_the_root_passes_and_missing_fails_high()
    {
        Scenario.Run(new LeaveOrganizationGuardrailCheck(), Member(Path([FullAwsAccess, Scp("DenyLeave", RealWorldPolicies.DenyLeaveOrganization)], null, (Workloads, [FullAwsAccess]))))
            .Should().ContainSingle().Which.Status.Should().Be(CheckStatus.Passed);
        Scenario.Run(new LeaveOrganizationGuardrailCheck(), Member(WithOu()))
            .Should().ContainSingle().Which.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void An_unreadable_policy_on_the_path_is_an_error_naming_it()
    {
        var broken = new ServiceControlPolicy("p-brokenab", "Broken", "{\"Statement\": [");

        var result = Scenario.Run(new LeaveOrganizationGuardrailCheck(), Member(WithOu(broken))).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Error);
        result.Reason.Should().Contain("'Broken' (p-brokenab)").And.Contain("OU 'Workloads'");
    }

    [Fact]
    public void A_condition_the_scanner_cannot_evaluate_is_a_low_failure_never_a_pass()
    {
        var mfaOnly = Scp("LeaveWithMfaOnly", """
            {"Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}
            """);

        var result = Scenario.Run(new LeaveOrganizationGuardrailCheck(), Member(WithOu(mfaOnly))).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Low);
        result.Description.Should().Contain("aws:MultiFactorAuthPresent");
    }

    [Fact]
    public void Without_guardrail_data_the_SCP_checks_say_nothing()
    {
        var inventory = InventoryBuilder.Member().InOus(Workloads).Region("us-east-1").Build();

        Scenario.Run(new CloudTrailProtectionGuardrailCheck(), inventory).Should().BeEmpty();
        Scenario.Run(new RegionDenyGuardrailCheck(), inventory, Approved).Should().BeEmpty();
    }

    [Fact]
    public void A_gap_in_reading_the_SCPs_withholds_the_guardrail_results_and_nothing_else()
    {
        var inventory = Member(WithOu()) with { Gaps = [new CollectionGap(DataSource.ServiceControlPolicies, null, "ListPoliciesForTarget", "AccessDenied", "denied")] };

        var evaluation = Evaluator.Run(inventory, ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"] });

        evaluation.CanResolve("scp.leave-organization", "eu-west-1").Should().BeFalse();
        evaluation.CanResolve("scp.region-deny", "eu-west-1").Should().BeFalse();
        evaluation.CanResolve("org.ou-placement", "eu-west-1").Should().BeTrue();
        evaluation.CanResolve("config.recorder", "eu-west-1").Should().BeTrue();
    }

    [Fact]
    public void An_account_directly_under_the_root_is_a_finding_and_one_in_an_OU_passes()
    {
        Scenario.Run(new OuPlacementCheck(), InventoryBuilder.Member().Build()).Should().ContainSingle()
            .Which.Title.Should().Contain("directly under the root");
        Scenario.Run(new OuPlacementCheck(), InventoryBuilder.Member().InOus(Workloads).Build()).Should().ContainSingle()
            .Which.Status.Should().Be(CheckStatus.Passed);
        Scenario.Run(new OuPlacementCheck(), InventoryBuilder.Management().Build()).Should().BeEmpty();
    }
}
