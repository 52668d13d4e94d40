namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public sealed class BaselineCheckTests
{
    private static readonly AccountPolicy Approved = new() { ApprovedRegions = new HashSet<string>(["eu-west-1", "us-east-1"], StringComparer.Ordinal) };

    private static readonly ConfigRecorder Recording = new() { Name = "default", RecordsAllSupported = true, Recording = true, LastStatus = "SUCCESS" };

    private static AccountInventory Member() => InventoryBuilder.Member().Region("eu-west-1").Region("us-east-1").Region("ap-south-1").Build();

    [Fact]
    public void Config_recorder_stopped_in_one_region_fails_there_and_passes_elsewhere()
    {
        var inventory = Member() with
        {
            Config =
            [
                new ConfigRegion("eu-west-1", [Recording], ["default"]),
                new ConfigRegion("us-east-1", [Recording with { Recording = false }], ["default"]),
                new ConfigRegion("ap-south-1", [], []),
            ],
        };

        var results = Scenario.Run(new ConfigRecorderCheck(), inventory, Approved);

        results.Should().HaveCount(2, "ap-south-1 is not approved");
        results.Single(r => r.Region == "eu-west-1").Status.Should().Be(CheckStatus.Passed);
        var stopped = results.Single(r => r.Region == "us-east-1");
        stopped.Status.Should().Be(CheckStatus.Failed);
        stopped.Severity.Should().Be(Severity.High);
        stopped.Title.Should().Be("AWS Config in us-east-1 has recorder 'default' stopped");
    }

    [Fact]
    public void Config_without_a_delivery_channel_or_recording_only_some_types_fails()
    {
        var inventory = Member() with
        {
            Config =
            [
                new ConfigRegion("eu-west-1", [Recording], []),
                new ConfigRegion("us-east-1", [Recording with { RecordsAllSupported = false, ResourceTypes = ["AWS::EC2::Instance"], RecordingStrategy = "INCLUSION_BY_RESOURCE_TYPES" }], ["default"]),
            ],
        };

        var results = Scenario.Run(new ConfigRecorderCheck(), inventory, Approved);

        results.Single(r => r.Region == "eu-west-1").Title.Should().Contain("has no delivery channel");
        var partial = results.Single(r => r.Region == "us-east-1");
        partial.Severity.Should().Be(Severity.Medium);
        partial.Title.Should().Contain("records only 1 resource type");
    }

    [Fact]
    public void Config_whose_last_run_failed_fails_and_with_no_approved_regions_every_enabled_region_counts()
    {
        var inventory = Member() with { Config = [new ConfigRegion("ap-south-1", [Recording with { LastStatus = "FAILURE", LastErrorCode = "AccessDenied" }], ["default"])] };

        var result = Scenario.Run(new ConfigRecorderCheck(), inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Title.Should().Contain("fail last time (AccessDenied)");
    }

    [Fact]
    public void Security_hub_off_in_an_approved_region_fails_and_off_elsewhere_is_not_judged()
    {
        var inventory = Member() with
        {
            SecurityHub =
            [
                new SecurityHubRegion("eu-west-1", true, "arn:aws:securityhub:eu-west-1:111122223333:hub/default"),
                new SecurityHubRegion("us-east-1", false, null),
                new SecurityHubRegion("ap-south-1", false, null),
            ],
        };

        var results = Scenario.Run(new SecurityHubEnabledCheck(), inventory, Approved);

        results.Should().HaveCount(2);
        results.Single(r => r.Region == "us-east-1").Status.Should().Be(CheckStatus.Failed);
        results.Single(r => r.Region == "eu-west-1").Status.Should().Be(CheckStatus.Passed);
    }

    [Fact]
    public void GuardDuty_is_judged_in_every_enabled_region_and_a_suspended_detector_fails()
    {
        var inventory = Member() with
        {
            GuardDuty =
            [
                new GuardDutyRegion("eu-west-1", [new GuardDutyDetector("d1", "ENABLED")]),
                new GuardDutyRegion("ap-south-1", [new GuardDutyDetector("d2", "DISABLED")]),
                new GuardDutyRegion("us-east-1", []),
            ],
        };

        var results = Scenario.Run(new GuardDutyEnabledCheck(), inventory, Approved);

        results.Single(r => r.Region == "eu-west-1").Status.Should().Be(CheckStatus.Passed);
        results.Single(r => r.Region == "ap-south-1").Description.Should().Contain("only a suspended GuardDuty detector");
        results.Single(r => r.Region == "us-east-1").Description.Should().Contain("has no GuardDuty detector");
    }

    [Fact]
    public void Delegated_administrators_missing_or_on_the_management_account_fail_once_per_service()
    {
        var management = InventoryBuilder.Management().Build();
        management = management with
        {
            Account = management.Account with
            {
                Guardrails = new OrganizationGuardrails
                {
                    DelegatedAdministrators =
                    [
                        new DelegatedAdministrator(Scenario.ManagementId, "Management", ["securityhub.amazonaws.com"]),
                        new DelegatedAdministrator("222233334444", "Security Tooling", ["guardduty.amazonaws.com", "config-multiaccountsetup.amazonaws.com"]),
                    ],
                },
            },
        };

        var results = Scenario.Run(new DelegatedAdministratorCheck(), management);

        results.Should().HaveCount(4).And.OnlyHaveUniqueItems(r => r.ResourceId);
        results.Single(r => r.Title.StartsWith("Security Hub", StringComparison.Ordinal)).Title.Should().Be("Security Hub's delegated administrator is the management account");
        results.Single(r => r.Title.StartsWith("GuardDuty", StringComparison.Ordinal)).Status.Should().Be(CheckStatus.Passed);
        results.Single(r => r.Title.StartsWith("AWS Config", StringComparison.Ordinal)).Status.Should().Be(CheckStatus.Passed);
        results.Single(r => r.Title.StartsWith("CloudTrail", StringComparison.Ordinal)).Title.Should().Be("CloudTrail has no delegated administrator");
        Scenario.Run(new DelegatedAdministratorCheck(), InventoryBuilder.Member().Build()).Should().BeEmpty("it is judged on the management account only");
    }
}
