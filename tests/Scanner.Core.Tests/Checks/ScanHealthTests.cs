namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

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

    [Fact]
    public void A_partial_scan_names_the_services_and_Regions_not_read_and_is_the_accounts_one_health_finding()
    {
        CollectionGap[] gaps =
        [
            new(DataSource.Ec2, "eu-west-1", "DescribeInstances", "UnauthorizedOperation", "request 1a2b denied"),
            new(DataSource.Lambda, "eu-west-1", "ListFunctions", "ThrottlingException", "Rate exceeded"),
            new(DataSource.Iam, null, "ListUsers", "AccessDenied", "explicit deny in a service control policy"),
            new(DataSource.Ec2, "ap-south-1", "DescribeInstances", "UnauthorizedOperation", "request 3c4d denied"),
        ];

        var result = ScanHealth.AccountPartiallyScanned("222233334444", "Sandbox", gaps, "555566667777", "us-east-1");

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.AccountId.Should().Be("555566667777");
        result.Title.Should().Be("Account 222233334444 (Sandbox) was only partially scanned: EC2 in ap-south-1, eu-west-1; IAM (global); Lambda in eu-west-1 could not be read");
        result.Description.Should().Contain("(errors AccessDenied, ThrottlingException, UnauthorizedOperation)").And.NotContain("request 1a2b");
        FindingIdentity.For(result).Should().Be(FindingIdentity.For(ScanHealth.AccountNotScanned("222233334444", "Sandbox", "x", "E", "555566667777", "us-east-1")),
            "one health finding per account, whose state changes");

        // Messages carry request ids: the same gaps with other messages say the same thing, so nothing is rewritten.
        var again = ScanHealth.AccountPartiallyScanned("222233334444", "Sandbox", [.. gaps.Select(g => g with { Message = "other" })], "555566667777", "us-east-1");
        (again.Title, again.Description).Should().Be((result.Title, result.Description));
    }
}
