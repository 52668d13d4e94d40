using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Resources;
using Scanner.Testing.Inventory;

namespace Scanner.Aws.Tests.Publishing;

public sealed class AsffMapperTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
    private readonly AsffMapper _mapper = new();

    [Fact]
    public void A_failed_result_becomes_a_complete_active_finding()
    {
        var result = Results.IamUser(Account, "alice");

        var finding = _mapper.Map(result, "eu-west-1", Now);

        var metadata = CheckCatalog.Find("iam.local-user")!;
        finding.SchemaVersion.Should().Be("2018-10-08");
        finding.Id.Should().Be($"iam.local-user/{Account}/us-east-1/arn:aws:iam::{Account}:user/alice").And.Be(FindingIdentity.For(result));
        finding.ProductArn.Should().Be($"arn:aws:securityhub:eu-west-1:{Account}:product/{Account}/default");
        finding.GeneratorId.Should().Be("iam.local-user");
        finding.AwsAccountId.Should().Be(Account);
        finding.Types.Should().Equal(metadata.FindingTypes);
        finding.CreatedAt.Should().Be("2025-03-04T05:06:07.890Z");
        finding.UpdatedAt.Should().Be(finding.CreatedAt);
        finding.FirstObservedAt.Should().Be(finding.CreatedAt);
        finding.LastObservedAt.Should().Be(finding.CreatedAt);
        finding.Severity.Should().Be(new AsffSeverity("MEDIUM", "MEDIUM"));
        finding.FindingProviderFields!.Severity.Should().Be(finding.Severity);
        finding.FindingProviderFields.Types.Should().Equal(metadata.FindingTypes);
        finding.Title.Should().Be(result.Title);
        finding.Description.Should().Be(result.Description);
        // Whole: every check's remediation fits in Security Hub's 512 characters (CheckCatalogTests).
        finding.Remediation!.Recommendation.Should().Be(new AsffRecommendation(result.Remediation, result.RemediationUrl));
        finding.Compliance!.Status.Should().Be("FAILED");
        finding.Compliance.RelatedRequirements.Should().Equal(metadata.Controls);
        finding.RecordState.Should().Be("ACTIVE");
        finding.Region.Should().Be("eu-west-1");
        finding.ProductName.Should().Be("Org Compliance Scanner");
        finding.CompanyName.Should().NotBeNullOrEmpty();
        finding.Workflow.Should().BeNull("BatchImportFindings may not set the workflow of a stored finding");
        finding.ProductFields.Should().Contain("ProviderName", "Org Compliance Scanner")
            .And.Contain("compliance/checkId", "iam.local-user")
            .And.Contain("compliance/status", "FAILED")
            .And.ContainKey("ProviderVersion");

        var resource = finding.Resources.Should().ContainSingle().Subject;
        resource.Type.Should().Be("AwsIamUser");
        resource.Id.Should().Be(result.ResourceId);
        resource.Partition.Should().Be("aws");
        resource.Region.Should().Be("us-east-1");
        resource.Details!.AwsIamUser.Should().Be(new AsffIamUserDetails("alice", null, "2024-05-11T00:00:00.000Z"), "the user was created 400 days before the scan");
        resource.Details.Other.Should().Equal(new Dictionary<string, string>
        {
            ["ActiveAccessKeys"] = "0", ["HasConsolePassword"] = "true", ["MfaActive"] = "true", ["PasswordLastUsed"] = "never",
        });
    }

    [Fact]
    public void The_json_sent_has_every_required_member_and_no_nulls()
    {
        var json = JsonSerializer.Serialize(_mapper.Map(Results.IamUser(Account, "alice"), "us-east-1", Now), AwsJsonContext.Default.AsffFinding);

        using var document = JsonDocument.Parse(json);
        foreach (var required in new[] { "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt", "UpdatedAt", "Title", "Description", "Resources" })
        {
            document.RootElement.TryGetProperty(required, out _).Should().BeTrue(required);
        }

        json.Should().NotContain("null");
    }

    [Fact]
    public void An_access_key_has_typed_details()
    {
        var bob = Make.User("bob", keys: [Make.Key("AKIAEXAMPLE", ageDays: 10, lastUsedDaysAgo: null)], accountId: Account);
        var result = Results.Of(new AccessKeyCheck(), InventoryBuilder.Member(Account).User(bob).Build());

        var resource = _mapper.Map(result, "us-east-1", Now).Resources!.Single();

        resource.Type.Should().Be("AwsIamAccessKey");
        resource.Id.Should().Be($"arn:aws:iam::{Account}:user/bob/access-key/AKIAEXAMPLE");
        resource.Details!.AwsIamAccessKey.Should().Be(new AsffIamAccessKeyDetails("bob", "IAMUser", null, "2025-06-05T00:00:00.000Z", "AKIAEXAMPLE"));
        resource.Details.Other.Should().Equal(new Dictionary<string, string>
        {
            ["LastUsedAt"] = "never", ["MaxAccessKeyAgeDays"] = "90", ["MaxAccessKeyUnusedDays"] = "90", ["UserArn"] = bob.Arn,
        });
    }

    [Fact]
    public void An_ec2_instance_has_its_instance_type()
    {
        var resource = _mapper.Map(Results.Instance(Account, "eu-west-1", "i-0abc"), "us-east-1", Now).Resources!.Single();

        resource.Type.Should().Be("AwsEc2Instance");
        resource.Region.Should().Be("eu-west-1");
        resource.Details!.AwsEc2Instance.Should().Be(new AsffEc2InstanceDetails { Type = "t3.micro", LaunchedAt = "2025-05-16T10:30:00.000Z" });
        resource.Details.Other.Should().Equal(new Dictionary<string, string>
        {
            ["Id"] = "i-0abc", ["MissingTags"] = "owner", ["RequiredTags"] = "cost-center, owner", ["Type"] = "AWS::EC2::Instance",
        });
    }

    [Fact]
    public void A_lambda_function_has_its_runtime_role_and_last_change()
    {
        var function = Make.Function("billing-export", "eu-west-1", accountId: Account) with
        {
            Details = new LambdaFunctionDetails
            {
                FunctionName = "billing-export",
                Runtime = "python3.12",
                Role = $"arn:aws:iam::{Account}:role/billing-export",
                LastModified = "2025-05-01T12:00:00.000+0000",
                Architectures = ["arm64"],
            },
        };
        var result = Results.Of(new ResourceMissingRequiredTagsCheck(), InventoryBuilder.Member(Account).Resource(function).Build());

        var resource = _mapper.Map(result, "us-east-1", Now).Resources!.Single();
        var details = resource.Details!;

        details.AwsLambdaFunction.Should().BeEquivalentTo(new AsffLambdaFunctionDetails
        {
            FunctionName = "billing-export",
            Runtime = "python3.12",
            Role = $"arn:aws:iam::{Account}:role/billing-export",
            LastModified = "2025-05-01T12:00:00.000Z",
            Architectures = ["arm64"],
        });
        resource.Type.Should().Be("AwsLambdaFunction");
        details.Other.Should().Equal(new Dictionary<string, string>
        {
            ["Id"] = "billing-export", ["MissingTags"] = "cost-center,owner", ["RequiredTags"] = "cost-center, owner", ["Type"] = "AWS::Lambda::Function",
        }, "the check's own facts stand beside the function's typed details");
    }

    [Fact]
    public void A_trail_has_its_settings_as_booleans()
    {
        // Validation off and a logging status that could not be read: incomplete whatever the status, so reported.
        var trail = Make.Trail("org-trail", logging: null, validation: false, bucket: "logs", accountId: Account, region: "us-east-1");
        var result = Results.Of(new OrganizationTrailCheck(), InventoryBuilder.Management(Account).Trail(trail).Build());

        var resource = _mapper.Map(result, "us-east-1", Now).Resources!.Single();
        var details = resource.Details!;

        resource.Type.Should().Be("AwsCloudTrailTrail");
        details.AwsCloudTrailTrail.Should().Be(new AsffCloudTrailTrailDetails("org-trail", "us-east-1", true, true, false, "logs"));
        details.Other.Should().Equal(new Dictionary<string, string> { ["IsLogging"] = "unknown" });
    }

    [Theory]
    [InlineData("AwsAccount")]
    [InlineData("Other")]
    public void Accounts_and_other_resources_carry_their_details_in_Other(string type)
    {
        // The account's own tags, or a Glue job (a type ASFF has no name for), each lacking its owner tag.
        var real = type == "AwsAccount"
            ? Results.Of(new AccountMissingRequiredTagsCheck(), InventoryBuilder.Member(Account).AccountTags(("cost-center", "cc-1234")).Build())
            : Results.Of(new ResourceMissingRequiredTagsCheck(), InventoryBuilder.Member(Account)
                .Resource(Make.Tagged($"arn:aws:glue:eu-west-1:{Account}:job/nightly-export", tags: Make.Tags(("cost-center", "cc-1234")))).Build());
        var result = real with { Details = new Dictionary<string, string>(real.Details) { ["Empty"] = "" } };

        var resource = _mapper.Map(result, "us-east-1", Now).Resources!.Single();

        resource.Type.Should().Be(type);
        resource.Details.Should().Be(new AsffResourceDetails { Other = resource.Details!.Other });
        resource.Details!.Other.Should().Equal(real.Details, "ASFF map values may not be empty");
        resource.Details.Other.Should().Contain("MissingTags", "owner");
    }

    [Fact]
    public void Long_texts_are_cut_to_the_asff_limits_with_an_ellipsis()
    {
        var result = Results.IamUser(Account, "alice") with
        {
            Title = new string('t', 300),
            Description = new string('d', 5000),
            Remediation = new string('r', 2000),
        };

        var finding = _mapper.Map(result, "us-east-1", Now);

        finding.Title.Should().HaveLength(256).And.EndWith("…");
        finding.Description.Should().HaveLength(1024).And.EndWith("…");
        finding.Remediation!.Recommendation.Text.Should().HaveLength(512).And.EndWith("…");
    }

    [Fact]
    public void An_exempted_result_is_archived_as_passed_with_its_exemption_in_sight()
    {
        var result = Results.IamUser(Account, "alice", CheckStatus.Exempted) with { Description = new string('d', 2000) };

        var finding = _mapper.Map(result, "us-east-1", Now);

        finding.Compliance!.Status.Should().Be("PASSED");
        finding.RecordState.Should().Be("ARCHIVED");
        finding.Description.Should().StartWith($"EXEMPTED: {result.Reason}. ").And.HaveLength(1024);
        result.Reason.Should().Be("exempted by tag compliance:exempt on IAM user 'alice' until 2025-07-15");
        finding.ProductFields.Should().Contain("compliance/exemption", result.Reason!).And.Contain("compliance/status", "EXEMPTED");
        finding.Severity!.Label.Should().Be("MEDIUM", "the exempted failure keeps its weight for whoever audits exemptions");
    }

    [Fact]
    public void An_error_result_is_an_active_failure_with_its_cause()
    {
        var result = ScanHealth.AccountNotScanned("444455556666", "payments", "the audit role could not be assumed", "AccessDenied", Account, "us-east-1");

        var finding = _mapper.Map(result, "us-east-1", Now);

        finding.AwsAccountId.Should().Be(Account);
        finding.Compliance!.Status.Should().Be("FAILED");
        finding.RecordState.Should().Be("ACTIVE");
        finding.Types.Should().OnlyContain(t => t.StartsWith("Software and Configuration Checks", StringComparison.Ordinal));
        finding.ProductFields.Should().Contain("compliance/status", "ERROR").And.ContainKey("compliance/error");
        finding.Resources!.Single().Id.Should().Be("AWS::::Account:444455556666");
    }

    [Fact]
    public void A_finding_stays_under_240_KB_whatever_the_details()
    {
        var details = Enumerable.Range(0, 5000).ToDictionary(i => $"key-{i:D5}-" + new string('k', 300), _ => new string('v', 10_000));
        var result = Results.IamUser(Account, "alice", CheckStatus.Exempted) with
        {
            Details = details,
            Reason = new string('r', 100_000),
            Title = new string('t', 100_000),
            Description = new string('d', 100_000),
            Remediation = new string('m', 100_000),
        };

        var finding = _mapper.Map(result, "us-east-1", Now);

        AsffMapper.SizeOf(finding).Should().BeLessThan(240_000);
        finding.Resources!.Single().Details!.Other.Should().HaveCount(50).And.OnlyContain(p => p.Key.Length <= 128 && p.Value.Length <= 1024);
        finding.ProductFields!["compliance/exemption"].Should().HaveLength(2048);
    }

    [Fact]
    public void A_very_long_resource_id_still_gives_a_valid_finding_id()
    {
        var result = Results.IamUser(Account, new string('u', 600));

        var finding = _mapper.Map(result, "us-east-1", Now);

        finding.Id.Length.Should().BeLessThanOrEqualTo(512);
        finding.Id.Should().Be(FindingIdentity.For(result)).And.StartWith("iam.local-user/");
    }

    [Fact]
    public void Other_partitions_get_their_own_product_arn()
    {
        var result = Results.IamUser(Account, "alice", region: "cn-north-1");

        var finding = _mapper.Map(result, "cn-north-1", Now);

        finding.ProductArn.Should().Be($"arn:aws-cn:securityhub:cn-north-1:{Account}:product/{Account}/default");
        finding.Resources!.Single().Partition.Should().Be("aws-cn");
    }
}
