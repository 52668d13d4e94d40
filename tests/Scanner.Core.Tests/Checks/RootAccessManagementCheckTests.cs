namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Testing.Inventory;

public class RootAccessManagementCheckTests
{
    private static readonly RootAccessManagementCheck Check = new();

    [Fact]
    public void The_management_account_reports_the_setting_on_as_passed()
    {
        var inventory = InventoryBuilder.Management().RootAccess(new RootAccessManagement(true, true)).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Passed);
        result.ResourceId.Should().Be("AWS::::Account:999988887777");
    }

    [Fact]
    public void The_management_account_reports_what_is_off()
    {
        var inventory = InventoryBuilder.Management().RootAccess(new RootAccessManagement(true, false)).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Description.Should().Contain("does not have root sessions enabled");
        result.Details["RootSessions"].Should().Be("disabled");
    }

    [Fact]
    public void Without_the_setting_nothing_is_said()
    {
        Scenario.Run(Check, InventoryBuilder.Management().Build()).Should().BeEmpty();
        Scenario.Run(Check, InventoryBuilder.Member().Root(Make.Root(password: true)).Build()).Should().BeEmpty();
    }

    [Fact]
    public void A_member_whose_root_keeps_credentials_under_central_management_fails_high_with_the_root_session_remedy()
    {
        var inventory = InventoryBuilder.Member()
            .Root(Make.Root(mfa: true, key1: true, password: true))
            .RootAccess(new RootAccessManagement(true, true))
            .Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("The root user of account 111122223333 (Production) still has credentials");
        result.Description.Should().Contain("still has a password and an active access key");
        result.Remediation.Should().Contain("aws sts assume-root").And.Contain("IAMDeleteRootUserCredentials");
    }
}
