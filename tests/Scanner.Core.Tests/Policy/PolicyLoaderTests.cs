namespace Scanner.Core.Tests.Policy;

using Scanner.Core.Policy;

public class PolicyLoaderTests
{
    private const string FullPolicy = """
        # Organization compliance policy
        approvedRegions: [eu-west-1, eu-central-1]
        requiredTags:
          - owner
          - cost-center
        auditRoleName: ComplianceAuditRole
        externalId: scanner-7f3a
        maxAccessKeyAgeDays: 60
        maxAccessKeyUnusedDays: 30
        scannerStackName: compliance-scanner
        findingRefreshDays: 14
        configResourceTypes: [AWS::EC2::Instance, AWS::IAM::Role]
        checks: [iam.local-user, iam.access-key]
        overrides:
          - ou: Sandbox
            removeRequiredTags: [cost-center]
          - account: "210987654321"
            additionalApprovedRegions: [us-east-1]
            maxAccessKeyAgeDays: 120
        exemptions:
          - check: iam.local-user
            account: "111122223333"
            resource: breakglass
            reason: Break-glass user approved by the CISO (SEC-123)
            until: 2027-01-31
          - check: "*"
            resource: arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc
            reason: Legacy appliance, replacement in progress
        """;

    private static PolicyException Rejected(string text) =>
        FluentActions.Invoking(() => PolicyLoader.Parse(text, "policy.yaml")).Should().Throw<PolicyException>().Which;

    [Fact]
    public void Reads_every_setting()
    {
        var policy = PolicyLoader.Parse(FullPolicy, "policy.yaml");

        policy.ApprovedRegions.Should().Equal("eu-west-1", "eu-central-1");
        policy.RequiredTags.Should().Equal("owner", "cost-center");
        policy.AuditRoleName.Should().Be("ComplianceAuditRole");
        policy.ExternalId.Should().Be("scanner-7f3a");
        policy.MaxAccessKeyAgeDays.Should().Be(60);
        policy.MaxAccessKeyUnusedDays.Should().Be(30);
        policy.ScannerStackName.Should().Be("compliance-scanner");
        policy.FindingRefreshDays.Should().Be(14);
        policy.ConfigResourceTypes.Should().Equal("AWS::EC2::Instance", "AWS::IAM::Role");
        policy.For(new Scanner.Core.Inventory.OrganizationAccount { Id = "111122223333" }).ConfigResourceTypes.Should().Equal("AWS::EC2::Instance", "AWS::IAM::Role");
        policy.EnabledChecks.Should().Equal("iam.local-user", "iam.access-key");

        policy.Overrides.Should().HaveCount(2);
        policy.Overrides[0].Ou.Should().Be("Sandbox");
        policy.Overrides[0].RemoveRequiredTags.Should().Equal("cost-center");
        policy.Overrides[0].ApprovedRegions.Should().BeNull();
        policy.Overrides[1].Account.Should().Be("210987654321");
        policy.Overrides[1].AdditionalApprovedRegions.Should().Equal("us-east-1");
        policy.Overrides[1].MaxAccessKeyAgeDays.Should().Be(120);

        policy.Exemptions.Should().HaveCount(2);
        var first = policy.Exemptions[0];
        first.CheckId.Should().Be("iam.local-user");
        first.AccountId.Should().Be("111122223333");
        first.ResourceId.Should().Be("breakglass");
        first.Reason.Should().Be("Break-glass user approved by the CISO (SEC-123)");
        first.Until.Should().Be(new DateOnly(2027, 1, 31));
        first.Source.Should().Be("policy.yaml exemptions[0]");
        policy.Exemptions[1].CheckId.Should().Be("*");
        policy.Exemptions[1].Until.Should().BeNull();
    }

    [Fact]
    public void Json_is_accepted()
    {
        const string json = """
            {
              "approvedRegions": ["eu-west-1"],
              "requiredTags": ["owner"],
              "maxAccessKeyAgeDays": 45,
              "overrides": [ { "ou": "ou-ab12-cdef3456", "approvedRegions": ["us-gov-west-1"] } ],
              "exemptions": [ { "check": "iam.root-mfa", "account": "111122223333", "reason": "closing", "until": "2026-01-01" } ]
            }
            """;

        var policy = PolicyLoader.Parse(json, "policy.json");

        policy.ApprovedRegions.Should().Equal("eu-west-1");
        policy.MaxAccessKeyAgeDays.Should().Be(45);
        policy.Overrides.Single().Ou.Should().Be("ou-ab12-cdef3456");
        policy.Overrides.Single().ApprovedRegions.Should().Equal("us-gov-west-1");
        policy.Exemptions.Single().Until.Should().Be(new DateOnly(2026, 1, 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# only a comment\n")]
    [InlineData("{}")]
    public void Empty_policy_is_the_default(string text)
    {
        var policy = PolicyLoader.Parse(text, "policy.yaml");

        policy.ApprovedRegions.Should().BeEmpty();
        policy.RequiredTags.Should().BeEmpty();
        policy.AuditRoleName.Should().Be("OrganizationComplianceAudit");
        policy.ExternalId.Should().BeNull();
        policy.MaxAccessKeyAgeDays.Should().Be(90);
        policy.MaxAccessKeyUnusedDays.Should().Be(90);
        policy.ScannerStackName.Should().Be("org-compliance-scanner");
        policy.EnabledChecks.Should().BeNull();
        policy.Exemptions.Should().BeEmpty();
        policy.Overrides.Should().BeEmpty();
    }

    [Fact]
    public void Duplicate_list_entries_are_kept_once()
    {
        PolicyLoader.Parse("approvedRegions: [eu-west-1, eu-west-1]", "p").ApprovedRegions.Should().Equal("eu-west-1");
    }

    [Theory]
    [InlineData("approvedRegion: [eu-west-1]", "approvedRegion: unknown key (expected one of: approvedRegions")]
    [InlineData("ApprovedRegions: [eu-west-1]", "ApprovedRegions: unknown key; did you mean 'approvedRegions'?")]
    [InlineData("overrides:\n  - ou: Sandbox\n    regions: [eu-west-1]", "overrides[0].regions: unknown key")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'\n    reason: r\n    expires: 2027-01-01", "exemptions[0].expires: unknown key")]
    [InlineData("approvedRegions: eu-west-1", "approvedRegions: expected a list, got the single value 'eu-west-1'")]
    [InlineData("requiredTags: {owner: x}", "requiredTags: expected a list, got a mapping")]
    [InlineData("approvedRegions:", "approvedRegions: expected a list, got nothing")]
    [InlineData("approvedRegions: [[eu-west-1]]", "approvedRegions[0]: expected a single value, got a list")]
    [InlineData("maxAccessKeyAgeDays: ninety", "maxAccessKeyAgeDays: 'ninety' is not a whole number of days")]
    [InlineData("maxAccessKeyAgeDays: 90.5", "maxAccessKeyAgeDays: '90.5' is not a whole number of days")]
    [InlineData("maxAccessKeyAgeDays: -1", "maxAccessKeyAgeDays: -1 is negative")]
    [InlineData("maxAccessKeyUnusedDays: '90'", "maxAccessKeyUnusedDays: expected a whole number of days, got the text '90' (remove the quotes)")]
    [InlineData("maxAccessKeyAgeDays: [90]", "maxAccessKeyAgeDays: expected a whole number of days, got a list")]
    [InlineData("findingRefreshDays: 0", "findingRefreshDays: 0 is not between 1 and 60 days")]
    [InlineData("findingRefreshDays: 61", "findingRefreshDays: 61 is not between 1 and 60 days (Security Hub deletes a finding not updated for 90 days)")]
    [InlineData("findingRefreshDays: weekly", "findingRefreshDays: 'weekly' is not a whole number of days")]
    [InlineData("maxAccessKeyAgeDays: 99999999999", "maxAccessKeyAgeDays: '99999999999' is not a whole number of days")]
    [InlineData("checks: [iam.local-users]", "checks[0]: 'iam.local-users' is not a known check id (known: cloudtrail.organization-trail, config.recorder, guardduty.enabled, iam.access-key")]
    [InlineData("checks: [scan.account-not-scanned]", "checks[0]: 'scan.account-not-scanned' is not a known check id")]
    [InlineData("checks: []", "checks: lists no checks")]
    [InlineData("approvedRegions: [eu-west-1, us-east-9x]", "approvedRegions[1]: 'us-east-9x' is not a valid region name")]
    [InlineData("approvedRegions: [EU-WEST-1]", "approvedRegions[0]: 'EU-WEST-1' is not a valid region name")]
    [InlineData("requiredTags: ['']", "requiredTags[0]: a tag key must not be empty")]
    [InlineData("configResourceTypes: [AWS::EC2::Instance, ec2:instance]", "configResourceTypes[1]: 'ec2:instance' is not an AWS Config resource type (expected a name like AWS::EC2::Instance)")]
    [InlineData("configResourceTypes: AWS::S3::Bucket", "configResourceTypes: expected a list, got the single value 'AWS::S3::Bucket'")]
    [InlineData("requiredTags: ['   ']", "requiredTags[0]: a tag key must not be empty")]
    [InlineData("auditRoleName: 'has space'", "auditRoleName: 'has space' is not a valid IAM role name")]
    [InlineData("auditRoleName:", "auditRoleName: must not be empty")]
    [InlineData("scannerStackName: 1-stack", "scannerStackName: '1-stack' is not a valid CloudFormation stack name")]
    [InlineData("overrides:\n  - account: '12345678901'\n    approvedRegions: [eu-west-1]", "overrides[0].account: '12345678901' is not an account id (expected 12 digits")]
    [InlineData("overrides:\n  - account: '1234567890123'", "overrides[0].account: '1234567890123' is not an account id")]
    [InlineData("overrides:\n  - ou: ou-abc-1", "overrides[0].ou: 'ou-abc-1' is not a valid OU id")]
    [InlineData("overrides:\n  - ou: Sandbox\n    account: '111122223333'", "overrides[0]: give either ou or account, not both")]
    [InlineData("overrides:\n  - approvedRegions: [eu-west-1]", "overrides[0]: name what it applies to")]
    [InlineData("overrides: [Sandbox]", "overrides[0]: expected an entry of 'key: value' settings, got the value 'Sandbox'")]
    [InlineData("overrides: {ou: Sandbox}", "overrides: expected a list of entries")]
    [InlineData("overrides:\n  - ou: Sandbox\n    maxAccessKeyAgeDays: -5", "overrides[0].maxAccessKeyAgeDays: -5 is negative")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'\n    reason: r\n    until: 2027-13-01", "exemptions[0].until: '2027-13-01' is not a date (expected YYYY-MM-DD")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'\n    reason: r\n    until: 31/01/2027", "exemptions[0].until: '31/01/2027' is not a date")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'\n    reason: r\n    until: 2027-1-31", "exemptions[0].until: '2027-1-31' is not a date")]
    [InlineData("exemptions:\n  - check: iam.rootmfa\n    account: '111122223333'\n    reason: r", "exemptions[0].check: 'iam.rootmfa' is not a known check id")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'", "exemptions[0]: needs reason")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: '111122223333'\n    reason: '  '", "exemptions[0].reason: must say why")]
    [InlineData("exemptions:\n  - account: '111122223333'\n    reason: r", "exemptions[0]: needs check")]
    [InlineData("exemptions:\n  - check: '*'\n    reason: everything", "exemptions[0]: exempts every check everywhere")]
    [InlineData("exemptions:\n  - check: iam.root-mfa\n    account: 11112222333\n    reason: r", "exemptions[0].account: '11112222333' is not an account id")]
    public void Bad_input_is_rejected_naming_the_field(string text, string expected)
    {
        var error = Rejected(text);

        error.Message.Should().Contain(expected);
        error.SourceName.Should().Be("policy.yaml");
        error.Message.Should().StartWith("The policy in 'policy.yaml' is invalid");
    }

    [Fact]
    public void Nested_region_error_names_the_full_path()
    {
        var error = Rejected("""
            overrides:
              - ou: Sandbox
                removeRequiredTags: [cost-center]
              - account: "111122223333"
                approvedRegions: [us-east-9x]
            """);

        error.Errors.Should().ContainSingle().Which.ToString()
            .Should().StartWith("overrides[1].approvedRegions[0]: 'us-east-9x' is not a valid region name").And.EndWith("(line 5)");
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var error = Rejected($"""
            approvedRegions: [eu-west-1, mars-north-1]
            requiredTags: ["", {new string('k', 129)}]
            maxAccessKeyAgeDays: -3
            colour: blue
            checks: [iam.local-user, iam.bogus]
            overrides:
              - account: "12"
            exemptions:
              - check: iam.root-mfa
                reason: ok
                until: tomorrow
            """);

        error.Errors.Select(e => e.Field).Should().BeEquivalentTo(
            "approvedRegions[1]", "requiredTags[0]", "requiredTags[1]", "maxAccessKeyAgeDays", "colour", "checks[1]",
            "overrides[0].account", "exemptions[0].until");
        error.Errors.Single(e => e.Field == "requiredTags[1]").Problem.Should().Contain("129 characters long; AWS allows at most 128");
        error.Message.Should().Contain("(8 problems)").And.Contain("mars-north-1").And.Contain("tomorrow");
    }

    [Theory]
    [InlineData("approvedRegions: [eu-west-1", "(syntax): not valid YAML or JSON")]
    [InlineData("{\"approvedRegions\": [\"eu-west-1\"]", "(syntax)")]
    [InlineData("regions: &r [eu-west-1]\napprovedRegions: *r", "(document): aliases (*r) are not supported")]
    [InlineData("approvedRegions: [eu-west-1]\n---\napprovedRegions: [us-east-1]", "(document): a policy is a single YAML document")]
    [InlineData("- eu-west-1\n- us-east-1", "(root): expected the policy's settings as 'key: value' lines or a JSON object, got a list")]
    [InlineData("just text", "(root): expected the policy's settings")]
    [InlineData("approvedRegions: [eu-west-1]\napprovedRegions: [us-east-1]", "approvedRegions")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "(document): nesting deeper than 16 levels")]
    // Found by PolicyLoaderProperties: YamlDotNet throws InvalidOperationException / ArgumentException on these.
    [InlineData("approvedRegions: [\nu-west-1, eu-central-1]", "(syntax): not valid YAML or JSON")]
    [InlineData("\n- : approvedRegions<scannerStackNamerequiredTags", "(syntax): not valid YAML or JSON")]
    public void Documents_that_are_not_a_policy_are_rejected(string text, string expected)
    {
        Rejected(text).Message.Should().Contain(expected);
    }

    [Fact]
    public void A_tag_key_of_exactly_128_characters_is_accepted()
    {
        PolicyLoader.Parse($"requiredTags: [{new string('k', 128)}]", "p").RequiredTags.Single().Should().HaveLength(128);
    }
}
