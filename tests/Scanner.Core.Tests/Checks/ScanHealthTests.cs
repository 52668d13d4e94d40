namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

public class ScanHealthTests
{
    [Fact]
    public void Account_not_scanned_is_an_error_stored_in_the_scanners_account_about_the_target()
    {
        var result = ScanHealth.AccountNotScanned(
            "222233334444", "Sandbox", "the audit role OrganizationComplianceAudit could not be assumed", "AccessDenied",
            "555566667777", "eu-west-1");

        result.CheckId.Should().Be("scan.account-not-scanned");
        result.Status.Should().Be(CheckStatus.Error);
        result.Severity.Should().Be(Severity.High);
        result.AccountId.Should().Be("555566667777");
        result.Region.Should().Be("eu-west-1");
        result.ResourceType.Should().Be("AwsAccount");
        result.ResourceId.Should().Be("AWS::::Account:222233334444");
        result.Title.Should().Be("Account 222233334444 (Sandbox) could not be scanned: the audit role OrganizationComplianceAudit could not be assumed");
        result.Description.Should().Contain("(error AccessDenied)");
        result.Reason.Should().Be("the audit role OrganizationComplianceAudit could not be assumed (AccessDenied)");
        result.Details["TargetAccountId"].Should().Be("222233334444");
        result.Remediation.Should().Contain("StackSet").And.Contain("trust policy").And.Contain("Security Hub");
    }

    [Fact]
    public void Two_unscanned_accounts_have_different_finding_ids()
    {
        var a = ScanHealth.AccountNotScanned("222233334444", "", "x", "E", "555566667777", "eu-west-1");
        var b = ScanHealth.AccountNotScanned("222233334445", "", "x", "E", "555566667777", "eu-west-1");

        FindingIdentity.For(a).Should().NotBe(FindingIdentity.For(b));
        a.Title.Should().StartWith("Account 222233334444 could not be scanned");
    }
}
