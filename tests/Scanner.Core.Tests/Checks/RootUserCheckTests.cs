namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Testing.Inventory;

public class RootAccessKeyCheckTests
{
    private static readonly RootAccessKeyCheck Check = new();

    [Fact]
    public void Without_a_credential_report_there_is_no_result()
    {
        Scenario.Run(Check, InventoryBuilder.Member().Build()).Should().BeEmpty();
    }

    [Fact]
    public void Active_root_key_is_critical_on_the_account()
    {
        var inventory = InventoryBuilder.Member().Root(Make.Root(key1: true)).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Critical);
        result.Title.Should().Be("The root user of account 111122223333 (Production) has 1 active access key");
        result.Description.Should().Contain("access key 1 was last used on 2025-06-12");
        result.ResourceType.Should().Be("AwsAccount");
        result.ResourceId.Should().Be("AWS::::Account:111122223333");
        result.Region.Should().Be(Scenario.HomeRegion);
    }

    [Fact]
    public void Two_active_root_keys_are_both_named()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Member().Root(Make.Root(key1: true, key2: true)).Build()).Single();

        result.Title.Should().EndWith("has 2 active access keys");
        result.Description.Should().Contain("access key 2 has never been used");
    }

    [Fact]
    public void Root_without_keys_passes()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Member().Root(Make.Root()).Build()).Single();

        result.Status.Should().Be(CheckStatus.Passed);
        result.Severity.Should().Be(Severity.Informational);
        result.ResourceId.Should().Be("AWS::::Account:111122223333");
    }
}

public class RootMfaCheckTests
{
    private static readonly RootMfaCheck Check = new();

    [Fact]
    public void Without_a_credential_report_there_is_no_result()
    {
        Scenario.Run(Check, InventoryBuilder.Management().Build()).Should().BeEmpty();
    }

    [Fact]
    public void Management_account_root_without_mfa_is_critical()
    {
        var inventory = InventoryBuilder.Management().Root(Make.Root(mfa: false, accountId: Scenario.ManagementId)).Build();

        var result = Scenario.Run(Check, inventory).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Critical);
        result.Title.Should().Be("The root user of the management account 999988887777 has no MFA");
        result.Description.Should().Contain("management account");
        result.ResourceId.Should().Be("AWS::::Account:999988887777");
    }

    [Fact]
    public void Member_account_root_without_mfa_is_high()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Member().Root(Make.Root(mfa: false)).Build()).Single();

        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("The root user of account 111122223333 (Production) has no MFA");
    }

    [Fact]
    public void Root_with_mfa_passes()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Member().Root(Make.Root(mfa: true)).Build()).Single();

        result.Status.Should().Be(CheckStatus.Passed);
        result.ResourceType.Should().Be("AwsAccount");
    }
}
