namespace Scanner.Core.Tests.Policy;

using Scanner.Core.Inventory;
using Scanner.Core.Policy;

public class ManagementAccountPolicyTests
{
    [Fact]
    public void Reads_baseline_names_and_workload_types_and_hands_them_to_every_account()
    {
        var policy = PolicyLoader.Parse("""
            managementAccount:
              baselineNamePatterns: ["acme-billing-*", landing-zone]
              workloadTypes: [AWS::SNS::Topic, AWS::S3::Bucket]
            """, "policy.yaml");

        var management = policy.For(new OrganizationAccount { Id = "123456789012", IsManagementAccount = true }).ManagementAccount;
        management.BaselineNamePatterns.Should().Equal("acme-billing-*", "landing-zone");
        management.WorkloadTypes.Should().Equal("AWS::SNS::Topic", "AWS::S3::Bucket");
        management.AllBaselineNamePatterns.Should().Contain("aws-controltower*").And.Contain("acme-billing-*");
    }

    [Fact]
    public void Bad_values_are_named_by_their_path()
    {
        var error = FluentActions.Invoking(() => PolicyLoader.Parse("""
            managementAccount:
              baselineNamePatterns: ["*", ""]
              workloadTypes: [AWS::Sns::Topic]
              workloads: []
            """, "policy.yaml")).Should().Throw<PolicyException>().Which;

        error.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            "managementAccount.baselineNamePatterns[0]", "managementAccount.baselineNamePatterns[1]",
            "managementAccount.workloadTypes[0]", "managementAccount.workloads");
        error.Errors.Single(e => e.Field == "managementAccount.baselineNamePatterns[0]").Problem.Should().Contain("matches every name");
        error.Errors.Single(e => e.Field == "managementAccount.workloadTypes[0]").Problem.Should().Contain("types are case-sensitive");
    }

    [Theory]
    [InlineData("aws-controltower*", "aws-controltower-logs-123456789012-us-east-1", true)]
    [InlineData("cdk-*-assets-*", "cdk-hnb659fds-assets-123456789012-eu-west-1", true)]
    [InlineData("cdk-*-assets-*", "cdk-hnb659fds-staging", false)]
    [InlineData("*-cur-*", "acme-cur-reports", true)]
    [InlineData("*-cur-*", "secure-records", false)]
    [InlineData("landing-zone", "landing-zone-2", false)]
    [InlineData("AWSControlTower*", "awscontroltowerexecution", false)]
    [InlineData("log-?", "log-a", true)]
    public void Patterns_match_whole_names_case_sensitively(string pattern, string name, bool matches) =>
        ManagementAccountPolicy.Matches(pattern, name).Should().Be(matches);
}
