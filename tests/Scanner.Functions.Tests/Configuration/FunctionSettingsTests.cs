using System.Collections;
using Scanner.Lambda.Configuration;

namespace Scanner.Functions.Tests.Configuration;

public sealed class FunctionSettingsTests
{
    private static Hashtable Valid() => new()
    {
        ["AUDIT_ROLE_NAME"] = "OrganizationComplianceAudit",
        ["APPROVED_REGIONS"] = "us-east-1, eu-west-1",
        ["REQUIRED_TAGS"] = "owner,cost-center",
        ["MAX_KEY_AGE_DAYS"] = "90",
        ["SCAN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/scan",
        ["AWS_REGION"] = "us-east-1",
    };

    private static Hashtable With(string name, string? value)
    {
        var environment = Valid();
        environment[name] = value;
        return environment;
    }

    private static ConfigurationException Rejected(Hashtable environment, FunctionRole role = FunctionRole.Dispatcher)
    {
        var act = () => FunctionSettings.FromEnvironment(environment, role);
        return act.Should().Throw<ConfigurationException>().Which;
    }

    [Fact]
    public void A_complete_environment_is_read()
    {
        var settings = FunctionSettings.FromEnvironment(Valid(), FunctionRole.Dispatcher);

        settings.AuditRoleName.Should().Be("OrganizationComplianceAudit");
        settings.ApprovedRegions.Should().Equal("us-east-1", "eu-west-1");
        settings.RequiredTags.Should().Equal("owner", "cost-center");
        settings.MaxKeyAgeDays.Should().Be(90);
        settings.ScanQueueUrl.Should().Be(new Uri("https://sqs.us-east-1.amazonaws.com/123456789012/scan"));
        settings.Region.Should().Be("us-east-1");
        settings.ExternalId.Should().BeNull();
        settings.OrganizationReadRoleArn.Should().BeNull();
        settings.EndpointUrl.Should().BeNull();
    }

    [Fact]
    public void Optional_values_take_their_defaults()
    {
        var environment = Valid();
        environment.Remove("MAX_KEY_AGE_DAYS");
        environment.Remove("REQUIRED_TAGS");
        environment["EXTERNAL_ID"] = "";

        var settings = FunctionSettings.FromEnvironment(environment, FunctionRole.AccountScanner);

        settings.MaxKeyAgeDays.Should().Be(90);
        settings.AccountConcurrency.Should().Be(8);
        settings.RegionConcurrency.Should().Be(4);
        settings.RequiredTags.Should().BeEmpty();
        settings.ExternalId.Should().BeNull("an empty variable counts as unset (the template passes empty parameters)");
    }

    [Fact]
    public void Optional_values_are_read_when_set()
    {
        var environment = Valid();
        environment["EXTERNAL_ID"] = "scanner-7f3a";
        environment["ORG_READ_ROLE_ARN"] = "arn:aws:iam::111122223333:role/OrgRead";
        environment["ACCOUNT_CONCURRENCY"] = "16";
        environment["REGION_CONCURRENCY"] = "2";
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000";

        var settings = FunctionSettings.FromEnvironment(environment, FunctionRole.Dispatcher);

        settings.ExternalId.Should().Be("scanner-7f3a");
        settings.OrganizationReadRoleArn.Should().Be("arn:aws:iam::111122223333:role/OrgRead");
        settings.AccountConcurrency.Should().Be(16);
        settings.RegionConcurrency.Should().Be(2);
        settings.EndpointUrl.Should().Be(new Uri("http://127.0.0.1:5000"));
    }

    [Fact]
    public void The_scanner_does_not_need_the_queue_url()
    {
        var settings = FunctionSettings.FromEnvironment(With("SCAN_QUEUE_URL", null), FunctionRole.AccountScanner);

        settings.ScanQueueUrl.Should().BeNull();
    }

    [Theory]
    [InlineData("AUDIT_ROLE_NAME", null, "AUDIT_ROLE_NAME: is required")]
    [InlineData("AUDIT_ROLE_NAME", "has spaces", "AUDIT_ROLE_NAME: 'has spaces' is not a valid IAM role name")]
    [InlineData("APPROVED_REGIONS", null, "APPROVED_REGIONS: is required")]
    [InlineData("APPROVED_REGIONS", " , ", "APPROVED_REGIONS: is required")]
    [InlineData("APPROVED_REGIONS", "us-east-1,us-east-9x", "APPROVED_REGIONS: 'us-east-9x' is not a valid region name")]
    [InlineData("APPROVED_REGIONS", "US-EAST-1", "APPROVED_REGIONS: 'US-EAST-1' is not a valid region name")]
    [InlineData("REQUIRED_TAGS", "owner,bad*key", "REQUIRED_TAGS: 'bad*key' is not a valid tag key")]
    [InlineData("MAX_KEY_AGE_DAYS", "0", "MAX_KEY_AGE_DAYS: '0' must be a whole number from 1")]
    [InlineData("MAX_KEY_AGE_DAYS", "ninety", "MAX_KEY_AGE_DAYS: 'ninety' must be a whole number")]
    [InlineData("MAX_KEY_AGE_DAYS", "-5", "MAX_KEY_AGE_DAYS: '-5' must be a whole number")]
    [InlineData("ACCOUNT_CONCURRENCY", "0", "ACCOUNT_CONCURRENCY: '0' must be a whole number from 1 to 100")]
    [InlineData("REGION_CONCURRENCY", "1000", "REGION_CONCURRENCY: '1000' must be a whole number from 1 to 100")]
    [InlineData("SCAN_QUEUE_URL", null, "SCAN_QUEUE_URL: is required for the dispatcher")]
    [InlineData("SCAN_QUEUE_URL", "not a url", "SCAN_QUEUE_URL: 'not a url' is not an absolute http(s) URL")]
    [InlineData("ORG_READ_ROLE_ARN", "OrgRead", "ORG_READ_ROLE_ARN: 'OrgRead' is not an IAM role ARN")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://localhost", "AWS_ENDPOINT_URL: 'ftp://localhost' is not an absolute http(s) URL")]
    [InlineData("AWS_REGION", null, "AWS_REGION: is required")]
    [InlineData("AWS_REGION", "moon-1", "AWS_REGION: 'moon-1' is not a valid region name")]
    public void A_bad_variable_is_named_with_its_value(string variable, string? value, string expected)
    {
        var error = Rejected(With(variable, value));

        error.Errors.Should().ContainSingle().Which.Should().StartWith(expected);
        error.Message.Should().Contain(expected);
    }

    [Fact]
    public void A_bad_external_id_is_reported_without_its_value()
    {
        var error = Rejected(With("EXTERNAL_ID", "s3cr3t with spaces"));

        error.Message.Should().Contain("EXTERNAL_ID").And.NotContain("s3cr3t");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var environment = Valid();
        environment.Remove("AUDIT_ROLE_NAME");
        environment["APPROVED_REGIONS"] = "us-east-9x";
        environment["MAX_KEY_AGE_DAYS"] = "0";
        environment.Remove("SCAN_QUEUE_URL");

        var error = Rejected(environment);

        error.Errors.Should().HaveCount(4);
        error.Message.Should().Contain("AUDIT_ROLE_NAME").And.Contain("APPROVED_REGIONS: 'us-east-9x'")
            .And.Contain("MAX_KEY_AGE_DAYS").And.Contain("SCAN_QUEUE_URL").And.Contain("4 problems");
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-central-2")]
    [InlineData("ap-southeast-4")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-northwest-1")]
    [InlineData("us-isob-east-1")]
    [InlineData("il-central-1")]
    public void Real_region_names_are_accepted(string region)
    {
        var settings = FunctionSettings.FromEnvironment(With("APPROVED_REGIONS", region), FunctionRole.Dispatcher);

        settings.ApprovedRegions.Should().Equal(region);
    }

    [Fact]
    public void Duplicate_regions_and_tags_are_listed_once()
    {
        var environment = Valid();
        environment["APPROVED_REGIONS"] = "us-east-1,us-east-1,eu-west-1";
        environment["REQUIRED_TAGS"] = "owner,owner";

        var settings = FunctionSettings.FromEnvironment(environment, FunctionRole.Dispatcher);

        settings.ApprovedRegions.Should().Equal("us-east-1", "eu-west-1");
        settings.RequiredTags.Should().Equal("owner");
    }

    [Fact]
    public void Printing_the_settings_never_shows_the_external_id()
    {
        var settings = FunctionSettings.FromEnvironment(With("EXTERNAL_ID", "scanner-7f3a"), FunctionRole.Dispatcher);

        settings.ToString().Should().NotContain("scanner-7f3a").And.Contain("ExternalId = (set)");
    }

    [Theory]
    [InlineData("us-east-1", "arn:aws:iam::123456789012:role/OrganizationComplianceAudit")]
    [InlineData("us-gov-west-1", "arn:aws-us-gov:iam::123456789012:role/OrganizationComplianceAudit")]
    [InlineData("cn-north-1", "arn:aws-cn:iam::123456789012:role/OrganizationComplianceAudit")]
    public void The_audit_role_arn_is_built_in_the_functions_partition(string region, string expected)
    {
        var settings = FunctionSettings.FromEnvironment(With("AWS_REGION", region), FunctionRole.Dispatcher);

        settings.AuditRoleArn("123456789012").Should().Be(expected);
    }
}
