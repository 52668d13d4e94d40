using System.Collections;
using Scanner.Core.Policy;
using Scanner.Lambda.Configuration;

namespace Scanner.Functions.Tests.Configuration;

public sealed class FunctionSettingsTests
{
    private static Hashtable Valid() => new()
    {
        ["AUDIT_ROLE_NAME"] = "OrganizationComplianceAudit",
        ["POLICY_URI"] = "s3://org-scanner-policy-123456789012/scan-policy.yaml",
        ["SCANNER_STACK_NAME"] = "security-org-scanner",
        ["SCAN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/scan",
        ["AWS_REGION"] = "us-east-1",
    };

    /// <summary>The functions without a policy document: the environment's policy values over the defaults.</summary>
    private static Hashtable WithoutDocument()
    {
        var environment = Valid();
        environment.Remove("POLICY_URI");
        environment["APPROVED_REGIONS"] = "us-east-1, eu-west-1";
        environment["REQUIRED_TAGS"] = "owner,cost-center";
        environment["MAX_KEY_AGE_DAYS"] = "90";
        return environment;
    }

    private static Hashtable With(string name, string? value, Hashtable? environment = null)
    {
        environment ??= Valid();
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
        settings.PolicyUri.Should().Be(new PolicyUri("org-scanner-policy-123456789012", "scan-policy.yaml"));
        settings.ScannerStackName.Should().Be("security-org-scanner");
        settings.EnvironmentPolicy.Should().Be(new PolicySettings());
        settings.ScanQueueUrl.Should().Be(new Uri("https://sqs.us-east-1.amazonaws.com/123456789012/scan"));
        settings.Region.Should().Be("us-east-1");
        settings.ExternalId.Should().BeNull();
        settings.OrganizationReadRoleArn.Should().BeNull();
        settings.EndpointUrl.Should().BeNull();
    }

    [Fact]
    public void Without_a_policy_document_the_environments_policy_values_are_read()
    {
        var settings = FunctionSettings.FromEnvironment(WithoutDocument(), FunctionRole.AccountScanner);

        settings.PolicyUri.Should().BeNull();
        settings.EnvironmentPolicy.ApprovedRegions.Should().Equal("us-east-1", "eu-west-1");
        settings.EnvironmentPolicy.RequiredTags.Should().Equal("owner", "cost-center");
        settings.EnvironmentPolicy.MaxAccessKeyAgeDays.Should().Be(90);
    }

    [Fact]
    public void Without_a_policy_document_or_policy_values_the_defaults_apply()
    {
        var environment = Valid();
        environment.Remove("POLICY_URI");
        environment["EXTERNAL_ID"] = "";

        var settings = FunctionSettings.FromEnvironment(environment, FunctionRole.AccountScanner);

        settings.EnvironmentPolicy.Should().Be(new PolicySettings(), "nothing given: ScanPolicy.Default (Region and tag checks report nothing)");
        settings.AccountConcurrency.Should().Be(8);
        settings.RegionConcurrency.Should().Be(4);
        settings.ExternalId.Should().BeNull("an empty variable counts as unset (the template passes empty parameters)");
    }

    [Theory]
    [InlineData("APPROVED_REGIONS", "us-east-1")]
    [InlineData("REQUIRED_TAGS", "owner")]
    [InlineData("MAX_KEY_AGE_DAYS", "30")]
    public void A_policy_value_beside_the_policy_document_is_refused(string variable, string value)
    {
        var error = Rejected(With(variable, value));

        error.Errors.Should().ContainSingle().Which.Should().StartWith($"{variable}: is not read when POLICY_URI is set");
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
        settings.FunctionPolicySettings.Should().Be(new PolicySettings
        {
            AuditRoleName = "OrganizationComplianceAudit",
            ExternalId = "scanner-7f3a",
            ScannerStackName = "security-org-scanner",
        });
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
    [InlineData("AUDIT_ROLE_NAME", "Audit\u0660", "AUDIT_ROLE_NAME: 'Audit\u0660' is not a valid IAM role name")]
    [InlineData("POLICY_URI", "https://bucket/key", "POLICY_URI: 'https://bucket/key' is not an S3 object URI")]
    [InlineData("POLICY_URI", "s3://bucket-only", "POLICY_URI: 's3://bucket-only' is not an S3 object URI")]
    [InlineData("POLICY_URI", "s3://Upper_Case/policy.yaml", "POLICY_URI: 's3://Upper_Case/policy.yaml' is not an S3 object URI")]
    [InlineData("SCANNER_STACK_NAME", "1-starts-with-a-digit", "SCANNER_STACK_NAME: '1-starts-with-a-digit' is not a valid CloudFormation stack name")]
    [InlineData("ACCOUNT_CONCURRENCY", "0", "ACCOUNT_CONCURRENCY: '0' must be a whole number from 1 to 100")]
    [InlineData("REGION_CONCURRENCY", "1000", "REGION_CONCURRENCY: '1000' must be a whole number from 1 to 100")]
    [InlineData("SCAN_QUEUE_URL", null, "SCAN_QUEUE_URL: is required for the dispatcher")]
    [InlineData("SCAN_QUEUE_URL", "not a url", "SCAN_QUEUE_URL: 'not a url' is not an absolute http(s) URL")]
    [InlineData("ORG_READ_ROLE_ARN", "OrgRead", "ORG_READ_ROLE_ARN: 'OrgRead' is not an IAM role ARN")]
    [InlineData("ORG_READ_ROLE_ARN", "arn:aws:iam::12345678901\u0661:role/OrgRead", "ORG_READ_ROLE_ARN: 'arn:aws:iam::12345678901\u0661:role/OrgRead' is not an IAM role ARN")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://localhost", "AWS_ENDPOINT_URL: 'ftp://localhost' is not an absolute http(s) URL")]
    [InlineData("AWS_REGION", null, "AWS_REGION: is required")]
    [InlineData("AWS_REGION", "moon-1", "AWS_REGION: 'moon-1' is not a valid region name")]
    public void A_bad_variable_is_named_with_its_value(string variable, string? value, string expected)
    {
        var error = Rejected(With(variable, value));

        error.Errors.Should().ContainSingle().Which.Should().StartWith(expected);
        error.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("APPROVED_REGIONS", "us-east-1,us-east-9x", "APPROVED_REGIONS: 'us-east-9x' is not a valid region name")]
    [InlineData("APPROVED_REGIONS", "US-EAST-1", "APPROVED_REGIONS: 'US-EAST-1' is not a valid region name")]
    [InlineData("REQUIRED_TAGS", "owner,bad*key", "REQUIRED_TAGS: tag key 'bad*key'")]
    [InlineData("MAX_KEY_AGE_DAYS", "ninety", "MAX_KEY_AGE_DAYS: 'ninety' is not a whole number of days")]
    [InlineData("MAX_KEY_AGE_DAYS", "-5", "MAX_KEY_AGE_DAYS: -5 is negative")]
    public void A_bad_policy_value_without_a_document_is_named_in_the_policys_words(string variable, string value, string expected)
    {
        var error = Rejected(With(variable, value, WithoutDocument()));

        error.Errors.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("36500")]
    public void Key_age_has_the_policys_limits(string days)
    {
        var settings = FunctionSettings.FromEnvironment(With("MAX_KEY_AGE_DAYS", days, WithoutDocument()), FunctionRole.AccountScanner);

        settings.EnvironmentPolicy.MaxAccessKeyAgeDays.Should().Be(PolicyValidation.Days(days, "maxAccessKeyAgeDays"), "the same number the policy document accepts");
    }

    [Theory]
    [InlineData("123456789012")]
    [InlineData("12345678901")]
    [InlineData("12345678901\u0662")]
    [InlineData("us-east-1")]
    [InlineData("us-east-1\n")]
    [InlineData("eu-west-\u0663")]
    [InlineData("OrganizationComplianceAudit")]
    [InlineData("Org Audit")]
    [InlineData("owner")]
    [InlineData("cost center/é")]
    [InlineData("")]
    public void Every_variable_accepts_exactly_what_the_policy_accepts(string sample)
    {
        // One set of rules: the function's verdict on each sample is the policy's, variable by variable.
        // Variables are trimmed (an unset or blank one is not given), so the policy judges the trimmed value.
        Accepted("AWS_REGION", sample, Valid()).Should().Be(PolicyValidation.RegionProblem(sample.Trim()) is null, "AWS_REGION");
        Accepted("AUDIT_ROLE_NAME", sample, Valid()).Should().Be(PolicyValidation.RoleNameProblem(sample.Trim()) is null, "AUDIT_ROLE_NAME");
        Accepted("APPROVED_REGIONS", sample, WithoutDocument()).Should().Be(sample.Trim().Length == 0 || PolicyValidation.RegionProblem(sample.Trim()) is null, "APPROVED_REGIONS");
        Accepted("REQUIRED_TAGS", sample, WithoutDocument()).Should().Be(sample.Trim().Length == 0 || PolicyValidation.TagKeyProblem(sample.Trim()) is null, "REQUIRED_TAGS");
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
        environment["POLICY_URI"] = "bucket/key";
        environment["AWS_REGION"] = "us-east-9x";
        environment.Remove("SCAN_QUEUE_URL");

        var error = Rejected(environment);

        error.Errors.Should().HaveCount(4);
        error.Message.Should().Contain("AUDIT_ROLE_NAME").And.Contain("AWS_REGION: 'us-east-9x'")
            .And.Contain("POLICY_URI").And.Contain("SCAN_QUEUE_URL").And.Contain("4 problems");
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
        var settings = FunctionSettings.FromEnvironment(With("APPROVED_REGIONS", region, WithoutDocument()), FunctionRole.Dispatcher);

        settings.EnvironmentPolicy.ApprovedRegions.Should().Equal(region);
    }

    [Fact]
    public void Duplicate_regions_and_tags_are_listed_once()
    {
        var environment = WithoutDocument();
        environment["APPROVED_REGIONS"] = "us-east-1,us-east-1,eu-west-1";
        environment["REQUIRED_TAGS"] = "owner,owner";

        var settings = FunctionSettings.FromEnvironment(environment, FunctionRole.Dispatcher);

        settings.EnvironmentPolicy.ApprovedRegions.Should().Equal("us-east-1", "eu-west-1");
        settings.EnvironmentPolicy.RequiredTags.Should().Equal("owner");
    }

    [Fact]
    public void Printing_the_settings_never_shows_the_external_id()
    {
        var settings = FunctionSettings.FromEnvironment(With("EXTERNAL_ID", "scanner-7f3a"), FunctionRole.Dispatcher);

        settings.ToString().Should().NotContain("scanner-7f3a").And.Contain("ExternalId = (set)");
    }

    private static bool Accepted(string variable, string value, Hashtable environment)
    {
        try
        {
            FunctionSettings.FromEnvironment(With(variable, value, environment), FunctionRole.Dispatcher);
            return true;
        }
        catch (ConfigurationException)
        {
            return false;
        }
    }
}
