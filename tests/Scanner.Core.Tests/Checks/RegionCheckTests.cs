namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class ResourceOutsideApprovedRegionCheckTests
{
    private static readonly ResourceOutsideApprovedRegionCheck Check = new();
    private static readonly AccountPolicy Approved = new() { ApprovedRegions = new HashSet<string> { "eu-west-1", "eu-central-1" } };

    [Fact]
    public void Without_approved_regions_the_check_says_nothing()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Instance("i-0abc", "ap-south-1")).Build();

        Scenario.Run(Check, inventory, new AccountPolicy()).Should().BeEmpty();
    }

    [Fact]
    public void Resource_in_an_unapproved_region_fails_medium_in_that_region()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Instance("i-0abc", "us-east-1")).Build();

        var result = Scenario.Run(Check, inventory, Approved).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Region.Should().Be("us-east-1");
        result.Title.Should().Be("EC2 instance 'i-0abc' is in us-east-1, outside the approved Regions");
        result.Description.Should().Contain("approved for this account are eu-central-1, eu-west-1")
            .And.Contain("account 111122223333 (Production)");
        result.ResourceType.Should().Be("AwsEc2Instance");
        result.ResourceId.Should().Be("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc");
    }

    [Fact]
    public void Security_tooling_and_stackset_instances_in_an_unapproved_region_are_expected_there()
    {
        const string A = Scenario.MemberId;
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Tagged($"arn:aws:guardduty:ap-south-1:{A}:detector/12abc34d567e8fa901bc2d34e56789f0", "ap-south-1"))
            .Resource(Make.Tagged($"arn:aws:config:ap-south-1:{A}:configuration-recorder/default/3zjxgkdhzfuw2nwe", "ap-south-1"))
            .Resource(Make.Tagged($"arn:aws:config:ap-south-1:{A}:config-rule/config-rule-abc123", "ap-south-1"))
            .Resource(Make.Tagged($"arn:aws:securityhub:ap-south-1:{A}:hub/default", "ap-south-1"))
            .Resource(Make.Tagged($"arn:aws:access-analyzer:ap-south-1:{A}:analyzer/account-analyzer", "ap-south-1"))
            .Resource(Make.Tagged(
                $"arn:aws:cloudformation:ap-south-1:{A}:stack/StackSet-org-security-baseline-1f2e3d4c/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f", "ap-south-1"))
            .Resource(Make.Tagged($"arn:aws:cloudformation:ap-south-1:{A}:stack/hand-made/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f", "ap-south-1"))
            .Resource(Make.Instance("i-0abc", "ap-south-1"))
            .Build();

        Scenario.Run(Check, inventory, Approved).Select(r => r.Title).Should().BeEquivalentTo(
            "CloudFormation stack 'hand-made' is in ap-south-1, outside the approved Regions",
            "EC2 instance 'i-0abc' is in ap-south-1, outside the approved Regions");
    }

    [Fact]
    public void Resources_in_approved_regions_and_global_resources_are_ignored()
    {
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Instance("i-0abc", "eu-central-1"))
            .Resource(Make.Tagged("arn:aws:iam::111122223333:role/r", "global"))
            .Resource(Make.Tagged("arn:aws:cloudfront::111122223333:distribution/d", ""))
            .Build();

        Scenario.Run(Check, inventory, Approved).Should().BeEmpty();
    }

    [Fact]
    public void An_account_override_that_adds_the_region_clears_the_finding()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Instance("i-0abc", "us-east-1")).Build();
        var policy = ScanPolicy.Default with
        {
            ApprovedRegions = ["eu-west-1"],
            Overrides = [new PolicyOverride { Account = Scenario.MemberId, AdditionalApprovedRegions = ["us-east-1"] }],
        };

        Scenario.Evaluate(Check, inventory, policy).Should().BeEmpty();
        Scenario.Evaluate(Check, inventory, policy with { Overrides = [] }).Should().ContainSingle();
    }
}

public class OptInRegionEnabledCheckTests
{
    private static readonly OptInRegionEnabledCheck Check = new();
    private static readonly AccountPolicy Approved = new() { ApprovedRegions = new HashSet<string> { "eu-west-1", "af-south-1" } };

    [Fact]
    public void Unapproved_opt_in_region_fails_on_the_account_in_that_region()
    {
        var inventory = InventoryBuilder.Member().Region("eu-west-1").Region("me-central-1", optIn: true).Build();

        var result = Scenario.Run(Check, inventory, Approved).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Region.Should().Be("me-central-1");
        result.ResourceType.Should().Be("AwsAccount");
        result.ResourceId.Should().Be("AWS::::Account:111122223333");
        result.Title.Should().Be("Opt-in Region me-central-1 is enabled in account 111122223333 (Production) but not approved");
    }

    [Fact]
    public void Approved_opt_in_regions_and_default_regions_are_not_reported()
    {
        var inventory = InventoryBuilder.Member().Region("af-south-1", optIn: true).Region("us-west-2").Build();

        Scenario.Run(Check, inventory, Approved).Should().BeEmpty();
    }

    [Fact]
    public void Without_approved_regions_the_check_says_nothing()
    {
        var inventory = InventoryBuilder.Member().Region("me-central-1", optIn: true).Build();

        Scenario.Run(Check, inventory, new AccountPolicy()).Should().BeEmpty();
    }

    [Fact]
    public void Each_unapproved_opt_in_region_has_its_own_result()
    {
        var inventory = InventoryBuilder.Member().Region("me-central-1", optIn: true).Region("ap-east-1", optIn: true).Build();

        Scenario.Run(Check, inventory, Approved).Select(r => r.Region).Should().Equal("ap-east-1", "me-central-1");
    }
}
