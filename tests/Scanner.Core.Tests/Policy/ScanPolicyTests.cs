namespace Scanner.Core.Tests.Policy;

using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class ScanPolicyTests
{
    // Root > Workloads (ou-ab12-wrkl0001) > Production (ou-ab12-prod0001); Root > Sandbox (ou-ab12-sand0001).
    private static readonly OrganizationalUnit Workloads = Make.Ou("ou-ab12-wrkl0001", "Workloads");
    private static readonly OrganizationalUnit Production = Make.Ou("ou-ab12-prod0001", "Production");
    private static readonly OrganizationalUnit Sandbox = Make.Ou("ou-ab12-sand0001", "Sandbox");

    private const string Policy = """
        approvedRegions: [eu-west-1, eu-central-1]
        requiredTags: [owner, cost-center, data-class]
        maxAccessKeyAgeDays: 90
        overrides:
          # Listed deepest first on purpose: the OU path, not the file order, decides which OU wins.
          - ou: ou-ab12-prod0001
            maxAccessKeyAgeDays: 30
            requiredTags: [owner, cost-center, data-class, service]
          - ou: workloads
            maxAccessKeyAgeDays: 60
            additionalApprovedRegions: [eu-north-1]
          - ou: Sandbox
            removeRequiredTags: [cost-center, data-class]
            approvedRegions: [us-east-1]
          - account: "444455556666"
            additionalApprovedRegions: [us-west-2]
            maxAccessKeyAgeDays: 7
        """;

    private static readonly ScanPolicy Parsed = PolicyLoader.Parse(Policy, "policy.yaml");

    private static OrganizationAccount Account(string id, params OrganizationalUnit[] path) =>
        new() { Id = id, Name = "a", OuPath = path };

    [Fact]
    public void Account_without_matching_overrides_gets_the_organization_values()
    {
        var policy = Parsed.For(Account("111122223333"));

        policy.ApprovedRegions.Should().BeEquivalentTo("eu-west-1", "eu-central-1");
        policy.RequiredTags.Should().Equal("owner", "cost-center", "data-class");
        policy.MaxAccessKeyAgeDays.Should().Be(90);
        policy.MaxAccessKeyUnusedDays.Should().Be(90);
        policy.ScannerStackName.Should().Be("org-compliance-scanner");
    }

    [Fact]
    public void Sandbox_ou_by_name_drops_cost_center_and_replaces_regions()
    {
        var policy = Parsed.For(Account("222233334444", Sandbox));

        policy.RequiredTags.Should().Equal("owner");
        policy.ApprovedRegions.Should().BeEquivalentTo("us-east-1");
    }

    [Fact]
    public void Ou_overrides_apply_from_the_root_down_whatever_their_order_in_the_file()
    {
        var policy = Parsed.For(Account("333344445555", Workloads, Production));

        policy.MaxAccessKeyAgeDays.Should().Be(30, "Production (by id) is below Workloads (by name, ignoring case)");
        policy.ApprovedRegions.Should().BeEquivalentTo("eu-west-1", "eu-central-1", "eu-north-1");
        policy.RequiredTags.Should().Equal("owner", "cost-center", "data-class", "service");
    }

    [Fact]
    public void Dr_account_override_adds_a_region_and_applies_after_its_ous()
    {
        var policy = Parsed.For(Account("444455556666", Workloads, Production));

        policy.ApprovedRegions.Should().BeEquivalentTo("eu-west-1", "eu-central-1", "eu-north-1", "us-west-2");
        policy.MaxAccessKeyAgeDays.Should().Be(7);
        policy.RequiredTags.Should().Contain("service");
    }

    [Fact]
    public void Ou_ids_match_exactly_and_names_ignore_case()
    {
        var renamed = Make.Ou("ou-ab12-prod0001", "Prod");
        Parsed.For(Account("111122223333", renamed)).MaxAccessKeyAgeDays.Should().Be(30, "the id still matches");

        var otherId = Make.Ou("ou-ab12-prod0002", "ou-ab12-prod0001");
        Parsed.For(Account("111122223333", otherId)).MaxAccessKeyAgeDays.Should().Be(90, "an OU id is not compared with names");
    }

    [Fact]
    public void Overrides_of_one_step_apply_in_file_order_and_replacement_comes_before_additions()
    {
        var policy = ScanPolicy.Default with
        {
            ApprovedRegions = ["eu-west-1"],
            Overrides =
            [
                new PolicyOverride { Account = "111122223333", ApprovedRegions = ["us-east-1"], AdditionalApprovedRegions = ["us-east-2"] },
                new PolicyOverride { Account = "111122223333", AdditionalApprovedRegions = ["ap-south-1"] },
            ],
        };

        policy.For(Account("111122223333")).ApprovedRegions.Should().BeEquivalentTo("us-east-1", "us-east-2", "ap-south-1");
    }

    [Fact]
    public void Default_policy_enables_every_check_and_a_list_enables_only_those()
    {
        ScanPolicy.Default.IsEnabled("iam.local-user").Should().BeTrue();
        var only = ScanPolicy.Default with { EnabledChecks = ["iam.root-mfa"] };
        only.IsEnabled("iam.root-mfa").Should().BeTrue();
        only.IsEnabled("iam.local-user").Should().BeFalse();
    }
}

public class PolicyOverridesFromFlagsTests
{
    private static readonly ScanPolicy FromFile = PolicyLoader.Parse("""
        approvedRegions: [eu-west-1]
        requiredTags: [owner]
        auditRoleName: FileRole
        maxAccessKeyAgeDays: 60
        overrides:
          - account: "111122223333"
            additionalApprovedRegions: [us-west-2]
        """, "policy.yaml");

    [Fact]
    public void Flags_replace_the_organization_values_and_file_overrides_still_apply()
    {
        var policy = FromFile.WithOverrides(new PolicySettings
        {
            ApprovedRegions = ["us-east-1", "us-east-1"],
            RequiredTags = ["team"],
            AuditRoleName = "CliRole",
            MaxAccessKeyAgeDays = 30,
        }, "command line");

        policy.ApprovedRegions.Should().Equal("us-east-1");
        policy.RequiredTags.Should().Equal("team");
        policy.AuditRoleName.Should().Be("CliRole");
        policy.MaxAccessKeyAgeDays.Should().Be(30);
        policy.MaxAccessKeyUnusedDays.Should().Be(90);
        policy.For(new OrganizationAccount { Id = "111122223333" }).ApprovedRegions.Should().BeEquivalentTo("us-east-1", "us-west-2");
    }

    [Fact]
    public void Values_not_given_keep_the_files()
    {
        var policy = FromFile.WithOverrides(new PolicySettings(), "environment");

        policy.ApprovedRegions.Should().Equal("eu-west-1");
        policy.AuditRoleName.Should().Be("FileRole");
        policy.MaxAccessKeyAgeDays.Should().Be(60);
    }

    [Fact]
    public void Flag_values_are_validated_like_the_file_and_reported_together()
    {
        var error = FluentActions.Invoking(() => FromFile.WithOverrides(new PolicySettings
        {
            ApprovedRegions = ["us-east-1", "us-east-9x"],
            RequiredTags = [""],
            AuditRoleName = "bad role",
            MaxAccessKeyAgeDays = -1,
            EnabledChecks = ["iam.nope"],
            ExternalId = "x",
        }, "command line")).Should().Throw<PolicyException>().Which;

        error.SourceName.Should().Be("command line");
        error.Errors.Select(e => e.ToString()).Should().BeEquivalentTo(
            "approvedRegions[1]: 'us-east-9x' is not a valid region name (expected a name like eu-west-1)",
            "requiredTags[0]: a tag key must not be empty",
            "auditRoleName: 'bad role' is not a valid IAM role name (1 to 64 letters, digits and + = , . @ _ -)",
            "maxAccessKeyAgeDays: -1 is negative; give a number of days, 0 or more",
            $"checks[0]: 'iam.nope' is not a known check id (known: {string.Join(", ", Scanner.Core.Checks.CheckCatalog.RunnableIds)})",
            "externalId: the external id must be 2 to 1224 letters, digits and + = , . @ : / _ - (the value is not shown: treat it as a secret)");
        error.Message.Should().NotContain("'x'", "an external id is not echoed");
    }

    [Fact]
    public void Split_list_reads_comma_or_space_separated_values()
    {
        PolicySettings.SplitList(" us-east-1, eu-west-1  ap-south-1,,").Should().Equal("us-east-1", "eu-west-1", "ap-south-1");
        PolicySettings.SplitList("   ").Should().BeNull();
        PolicySettings.SplitList(null).Should().BeNull();
    }
}

public class PolicyValidationTests
{
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-central-2")]
    [InlineData("us-gov-west-1")]
    [InlineData("us-iso-east-1")]
    [InlineData("us-isob-east-1")]
    [InlineData("cn-northwest-1")]
    [InlineData("ap-southeast-10")]
    public void Real_region_names_are_valid(string region)
    {
        PolicyValidation.Region(region, "--region").Should().Be(region);
    }

    [Theory]
    [InlineData("us-east-9x")]
    [InlineData("us-east")]
    [InlineData("useast-1")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1\n")]
    [InlineData(" us-east-1")]
    [InlineData("us-east-١")]
    [InlineData("")]
    public void Malformed_region_names_are_rejected_naming_the_field(string region)
    {
        FluentActions.Invoking(() => PolicyValidation.Region(region, "--region"))
            .Should().Throw<PolicyException>()
            .Which.Message.Should().Contain("--region: ").And.Contain("is not a valid region name");
    }

    [Fact]
    public void Other_values_are_validated_with_the_field_named()
    {
        PolicyValidation.AccountId("012345678901", "--account").Should().Be("012345678901");
        FluentActions.Invoking(() => PolicyValidation.AccountId("12345", "--account"))
            .Should().Throw<PolicyException>().WithMessage("*--account: '12345' is not an account id*");
        FluentActions.Invoking(() => PolicyValidation.Days(-2, "--max-key-age"))
            .Should().Throw<PolicyException>().WithMessage("*--max-key-age: -2 is negative*");
        PolicyValidation.Days("0", "MAX_KEY_AGE_DAYS").Should().Be(0);
        FluentActions.Invoking(() => PolicyValidation.Days("12d", "MAX_KEY_AGE_DAYS"))
            .Should().Throw<PolicyException>().WithMessage("*MAX_KEY_AGE_DAYS: '12d' is not a whole number of days*");
        PolicyValidation.Date("2027-01-31", "until").Should().Be(new DateOnly(2027, 1, 31));
        FluentActions.Invoking(() => PolicyValidation.Date("2027-02-30", "until"))
            .Should().Throw<PolicyException>().WithMessage("*until: '2027-02-30' is not a date*");
        FluentActions.Invoking(() => PolicyValidation.TagKey(new string('t', 129), "--required-tags[0]"))
            .Should().Throw<PolicyException>().Which.Message.Should().Contain("--required-tags[0]: tag key 'ttt").And.Contain("is 129 characters long");
        FluentActions.Invoking(() => PolicyValidation.CheckId("iam.Local-User", "--checks[0]"))
            .Should().Throw<PolicyException>().WithMessage("*is not a known check id*");
        PolicyValidation.RoleName("OrganizationComplianceAudit", "--audit-role").Should().Be("OrganizationComplianceAudit");
    }
}
