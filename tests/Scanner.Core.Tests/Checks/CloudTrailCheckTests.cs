namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Testing.Inventory;

public class OrganizationTrailCheckTests
{
    private static readonly OrganizationTrailCheck Check = new();

    [Fact]
    public void Member_accounts_are_not_evaluated()
    {
        Scenario.Run(Check, InventoryBuilder.Member().Build()).Should().BeEmpty();
    }

    [Fact]
    public void Complete_organization_trail_passes()
    {
        var trail = Make.Trail("org-trail");

        var result = Scenario.Run(Check, InventoryBuilder.Management().Trail(trail).Build()).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Passed);
        result.ResourceType.Should().Be("AwsCloudTrailTrail");
        result.ResourceId.Should().Be(trail.Arn);
        result.Region.Should().Be(trail.HomeRegion);
    }

    [Fact]
    public void No_trail_at_all_fails_high_on_the_account()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Management().Build()).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("No CloudTrail organization trail exists");
        result.Description.Should().Contain("account 999988887777 (Management)").And.Contain("No trails exist");
        result.ResourceType.Should().Be("AwsAccount");
        result.ResourceId.Should().Be("AWS::::Account:999988887777");
        result.Region.Should().Be(Scenario.HomeRegion);
    }

    [Fact]
    public void Only_account_trails_fail_as_no_organization_trail_and_name_them()
    {
        var inventory = InventoryBuilder.Management().Trail(Make.Trail("local-trail", organization: false)).Build();

        var result = Scenario.Run(Check, inventory).Single();

        result.Severity.Should().Be(Severity.High);
        result.ResourceType.Should().Be("AwsAccount");
        result.Description.Should().Contain("'local-trail'").And.Contain("record this account only");
    }

    [Fact]
    public void Organization_trail_not_logging_is_high_on_the_trail()
    {
        var trail = Make.Trail("org-trail", logging: false);

        var result = Scenario.Run(Check, InventoryBuilder.Management().Trail(trail).Build()).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("Organization trail 'org-trail' is not logging");
        result.ResourceType.Should().Be("AwsCloudTrailTrail");
        result.ResourceId.Should().Be(trail.Arn);
    }

    [Fact]
    public void Single_region_organization_trail_is_medium_and_says_single_region()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Management().Trail(Make.Trail("org-trail", multiRegion: false)).Build()).Single();

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("Organization trail 'org-trail' is single-Region (records only eu-west-1)");
    }

    [Fact]
    public void Every_missing_property_is_named()
    {
        var trail = Make.Trail("org-trail", logging: false, multiRegion: false, validation: false);

        var result = Scenario.Run(Check, InventoryBuilder.Management().Trail(trail).Build()).Single();

        result.Title.Should().Be(
            "Organization trail 'org-trail' is not logging, is single-Region (records only eu-west-1) and has log file validation off");
        result.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void Log_file_validation_off_is_medium()
    {
        var result = Scenario.Run(Check, InventoryBuilder.Management().Trail(Make.Trail("org-trail", validation: false)).Build()).Single();

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("Organization trail 'org-trail' has log file validation off");
    }

    [Fact]
    public void Unknown_logging_status_neither_passes_nor_fails_an_otherwise_complete_trail()
    {
        Scenario.Run(Check, InventoryBuilder.Management().Trail(Make.Trail("org-trail", logging: null)).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_logging_status_still_fails_on_the_known_properties_without_claiming_it_is_not_logging()
    {
        var result = Scenario.Run(
            Check, InventoryBuilder.Management().Trail(Make.Trail("org-trail", logging: null, multiRegion: false)).Build()).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("Organization trail 'org-trail' is single-Region (records only eu-west-1)");
        result.Description.Should().Contain("logging status could not be read");
        result.Details["IsLogging"].Should().Be("unknown");
    }

    [Fact]
    public void One_complete_trail_is_enough_and_the_incomplete_ones_are_not_reported()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("old-org-trail", multiRegion: false))
            .Trail(Make.Trail("org-trail"))
            .Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Passed);
        result.ResourceId.Should().EndWith("trail/org-trail");
    }

    [Fact]
    public void Incomplete_organization_trails_each_fail()
    {
        var inventory = InventoryBuilder.Management()
            .Trail(Make.Trail("a", multiRegion: false))
            .Trail(Make.Trail("b", logging: false))
            .Trail(Make.Trail("local", organization: false))
            .Build();

        Scenario.Run(Check, inventory).Select(r => (r.ResourceId.Split('/')[^1], r.Severity)).Should().Equal(
            ("a", Severity.Medium),
            ("b", Severity.High));
    }

    [Fact]
    public void A_trail_seen_from_several_regions_is_reported_once()
    {
        var trail = Make.Trail("org-trail", logging: false);

        Scenario.Run(Check, InventoryBuilder.Management().Trail(trail).Trail(trail).Build()).Should().ContainSingle();
    }

    [Fact]
    public void With_cloudtrail_unreadable_a_missing_trail_is_not_reported()
    {
        var inventory = InventoryBuilder.Management().Gap(DataSource.CloudTrail, "us-east-1").Build();

        Scenario.Run(Check, inventory).Should().BeEmpty();
    }
}
