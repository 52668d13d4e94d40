namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class AccountMissingRequiredTagsCheckTests
{
    private static readonly AccountMissingRequiredTagsCheck Check = new();
    private static readonly AccountPolicy Required = new() { RequiredTags = ["owner", "cost-center", "data-class"] };

    [Fact]
    public void Without_required_tags_the_check_says_nothing()
    {
        Scenario.Run(Check, InventoryBuilder.Member().Build(), new AccountPolicy()).Should().BeEmpty();
    }

    [Fact]
    public void Missing_tags_fail_low_once_per_account_naming_them_sorted()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("data-class", "internal")).Build();

        var result = Scenario.Run(Check, inventory, Required).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Low);
        result.Title.Should().Be("Account 111122223333 (Production) is missing required tags: cost-center, owner");
        result.Description.Should().Contain("It has no 'cost-center' and 'owner' tags.");
        result.ResourceType.Should().Be("AwsAccount");
        result.ResourceId.Should().Be("AWS::::Account:111122223333");
        result.Region.Should().Be(Scenario.HomeRegion);
        result.Details["MissingTags"].Should().Be("cost-center,owner");
    }

    [Fact]
    public void A_tag_with_an_empty_or_blank_value_counts_as_missing_and_is_called_empty()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("owner", "  "), ("cost-center", "42"), ("data-class", "")).Build();

        var result = Scenario.Run(Check, inventory, Required).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Title.Should().EndWith("missing required tags: data-class, owner");
        result.Description.Should().Contain("Its 'data-class' and 'owner' tags are set to an empty value.");
    }

    [Fact]
    public void Missing_and_empty_tags_are_told_apart()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("owner", ""), ("data-class", "internal")).Build();

        var result = Scenario.Run(Check, inventory, Required).Single();

        result.Title.Should().EndWith("missing required tags: cost-center, owner");
        result.Description.Should().Contain("It has no 'cost-center' tag, and its 'owner' tag is set to an empty value.");
    }

    [Fact]
    public void Fully_tagged_account_passes()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("owner", "team-a"), ("cost-center", "42"), ("data-class", "internal")).Build();

        Scenario.Run(Check, inventory, Required).Single().Status.Should().Be(CheckStatus.Passed);
    }

    [Fact]
    public void Tag_keys_are_case_sensitive()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("Owner", "team-a"), ("cost-center", "42"), ("data-class", "x")).Build();

        Scenario.Run(Check, inventory, Required).Single().Title.Should().EndWith(": owner");
    }

    [Fact]
    public void With_account_tags_unreadable_nothing_is_reported()
    {
        var inventory = InventoryBuilder.Member().Gap(DataSource.Organizations).Build();

        Scenario.Run(Check, inventory, Required).Should().BeEmpty();
    }
}

public class ResourceMissingRequiredTagsCheckTests
{
    private static readonly ResourceMissingRequiredTagsCheck Check = new();
    private static readonly AccountPolicy Required = new() { RequiredTags = ["owner", "cost-center"] };

    [Fact]
    public void Without_required_tags_the_check_says_nothing()
    {
        Scenario.Run(Check, InventoryBuilder.Member().Resource(Make.Instance("i-1")).Build(), new AccountPolicy()).Should().BeEmpty();
    }

    [Fact]
    public void Each_resource_missing_tags_fails_and_tagged_resources_pass()
    {
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Instance("i-1", tags: Make.Tags(("owner", "a"))))
            .Resource(Make.Function("api", "eu-central-1", Make.Tags(("owner", "a"), ("cost-center", "42"))))
            .Resource(Make.Bucket("data", Make.Tags(("owner", ""), ("cost-center", "42"))))
            .Build();

        var results = Scenario.Run(Check, inventory, Required).ToDictionary(r => r.ResourceId);

        results.Should().HaveCount(3);
        var instance = results["arn:aws:ec2:eu-west-1:111122223333:instance/i-1"];
        instance.Status.Should().Be(CheckStatus.Failed);
        instance.Severity.Should().Be(Severity.Low);
        instance.Title.Should().Be("EC2 instance 'i-1' is missing required tags: cost-center");
        instance.ResourceType.Should().Be("AwsEc2Instance");

        var function = results["arn:aws:lambda:eu-central-1:111122223333:function:api"];
        function.Status.Should().Be(CheckStatus.Passed);
        function.Region.Should().Be("eu-central-1");

        var bucket = results["arn:aws:s3:::data"];
        bucket.Status.Should().Be(CheckStatus.Failed);
        bucket.ResourceType.Should().Be("AwsS3Bucket");
        bucket.Description.Should().Contain("Its 'owner' tag is set to an empty value.");
    }

    [Fact]
    public void What_aws_services_create_for_themselves_is_not_asked_for_tags()
    {
        const string A = Scenario.MemberId;
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Tagged($"arn:aws:iam::{A}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty", "global"))
            .Resource(Make.Tagged($"arn:aws:logs:eu-west-1:{A}:log-group:/aws/lambda/payments-api"))
            .Resource(Make.Tagged($"arn:aws:guardduty:eu-west-1:{A}:detector/12abc34d567e8fa901bc2d34e56789f0"))
            .Resource(Make.Tagged($"arn:aws:securityhub:eu-west-1:{A}:hub/default"))
            .Resource(Make.Tagged($"arn:aws:logs:eu-west-1:{A}:log-group:payments-audit"))
            .Build();

        Scenario.Run(Check, inventory, Required).Should().ContainSingle()
            .Which.Title.Should().Be("log group 'payments-audit' is missing required tags: cost-center, owner");
    }

    [Fact]
    public void Global_resources_are_reported_in_the_home_region()
    {
        var inventory = InventoryBuilder.Member().Resource(Make.Tagged("arn:aws:iam::111122223333:role/r", "global")).Build();

        Scenario.Run(Check, inventory, Required).Single().Region.Should().Be(Scenario.HomeRegion);
    }

    [Fact]
    public void Tags_from_the_tagging_api_complete_a_resource_listed_by_its_service()
    {
        var instance = Make.Instance("i-1", tags: Make.Tags(("owner", "a")));
        var inventory = InventoryBuilder.Member()
            .Resource(instance)
            .Resource(instance with { Source = DataSource.Tagging, Tags = Make.Tags(("cost-center", "42")) })
            .Build();

        Scenario.Run(Check, inventory, Required).Should().ContainSingle().Which.Status.Should().Be(CheckStatus.Passed);
    }
}
