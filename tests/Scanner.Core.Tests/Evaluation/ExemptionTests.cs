namespace Scanner.Core.Tests.Evaluation;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class TagExemptionTests
{
    /// <summary>Tag rules that refuse nothing, for the tests of how tags are read (the rules have their own tests).</summary>
    internal static readonly ScanPolicy Lenient = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { RequireExpiry = false, AllowWildcard = true } };

    private static IReadOnlyList<CheckResult> LocalUsers(IamUser user, params (string, string)[] accountTags) =>
        Scenario.Evaluate(new LocalUserCheck(), InventoryBuilder.Member().AccountTags(accountTags).User(user).Build());

    private static IReadOnlyList<CheckResult> LocalUsers(ScanPolicy policy, IamUser user) =>
        Scenario.Evaluate(new LocalUserCheck(), InventoryBuilder.Member().User(user).Build(), policy);

    private static IamUser Breakglass(params (string Key, string Value)[] tags) =>
        Make.User("breakglass", password: true, mfa: true, tags: Make.Tags(tags));

    [Fact]
    public void User_tagged_exempt_until_a_future_date_is_exempted_with_the_reason()
    {
        var result = LocalUsers(Breakglass(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-08-31"))).Single();

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Reason.Should().Be("exempted by tag compliance:exempt on IAM user 'breakglass' until 2025-08-31");
        result.Details["ExemptedBy"].Should().Be(result.Reason);
        result.Severity.Should().Be(Severity.Medium, "an exempted result keeps its severity");
    }

    [Fact]
    public void Exemption_without_expiry_says_so_where_the_policy_allows_one()
    {
        LocalUsers(Lenient, Breakglass(("compliance:exempt", "iam.local-user"))).Single().Reason
            .Should().Be("exempted by tag compliance:exempt on IAM user 'breakglass' (no expiry date)");
    }

    [Fact]
    public void Expiry_date_is_inclusive_through_the_end_of_that_day()
    {
        LocalUsers(Breakglass(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-06-15"))).Single()
            .Status.Should().Be(CheckStatus.Exempted);
    }

    [Fact]
    public void Expired_exemption_stays_failed_and_says_when_it_expired()
    {
        var result = LocalUsers(Breakglass(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-06-14"))).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Reason.Should().BeNull();
        result.Description.Should().EndWith(
            "Exemption not applied: the exemption by tag compliance:exempt on IAM user 'breakglass' expired on 2025-06-14.");
        result.Details["ExemptionNotApplied"].Should().Contain("expired on 2025-06-14");
    }

    [Theory]
    [InlineData("31/01/2027")]
    [InlineData("2027-02-30")]
    [InlineData("soon")]
    [InlineData("")]
    public void Unreadable_expiry_date_never_exempts_and_says_the_tag_is_invalid(string until)
    {
        var result = LocalUsers(Breakglass(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", until))).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Description.Should().Contain($"the tag compliance:exempt-until on IAM user 'breakglass' has the value '{until}', which is not a date (expected YYYY-MM-DD)");
    }

    [Theory]
    [InlineData("iam.local-user", CheckStatus.Exempted)]
    [InlineData("iam.access-key iam.local-user", CheckStatus.Exempted)]
    [InlineData("  iam.access-key   iam.local-user  ", CheckStatus.Exempted)]
    [InlineData("*", CheckStatus.Exempted)]
    [InlineData("iam.access-key", CheckStatus.Failed)]
    [InlineData("IAM.LOCAL-USER", CheckStatus.Failed)]
    [InlineData("iam.local-user,iam.access-key", CheckStatus.Failed)]
    [InlineData("iam.*", CheckStatus.Failed)]
    [InlineData("", CheckStatus.Failed)]
    public void Tag_value_lists_check_ids_separated_by_spaces_matched_exactly(string value, CheckStatus expected)
    {
        LocalUsers(Lenient, Breakglass(("compliance:exempt", value))).Single().Status.Should().Be(expected);
    }

    [Fact]
    public void An_access_key_is_exempted_by_its_users_tags()
    {
        var user = Make.User("deploy-bot", keys: [Make.Key("AKIAEXAMPLE000000001")],
            tags: Make.Tags(("compliance:exempt", "iam.access-key"), ("compliance:exempt-until", "2025-07-01")));

        var results = Evaluator.Run(InventoryBuilder.Member().User(user).Build(), ScanPolicy.Default, [new AccessKeyCheck(), new LocalUserCheck()]).Results;

        results.Single(r => r.CheckId == "iam.access-key").Status.Should().Be(CheckStatus.Exempted);
        results.Single(r => r.CheckId == "iam.access-key").Reason.Should().Contain("on IAM user 'deploy-bot'");
        results.Single(r => r.CheckId == "iam.local-user").Status.Should().Be(CheckStatus.Failed);
    }

    [Fact]
    public void Account_tag_exempts_every_result_of_the_listed_check_in_the_account()
    {
        var inventory = InventoryBuilder.Member()
            .AccountTags(("compliance:exempt", "region.resource-outside-approved"), ("compliance:exempt-until", "2025-12-31"))
            .Resource(Make.Instance("i-1", "us-east-1"))
            .Resource(Make.Function("f", "ap-south-1"))
            .Build();
        var policy = ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"] };

        var results = Scenario.Evaluate(new ResourceOutsideApprovedRegionCheck(), inventory, policy);

        results.Should().HaveCount(2).And.OnlyContain(r => r.Status == CheckStatus.Exempted);
        results[0].Reason.Should().Be("exempted by tag compliance:exempt on account 111122223333 (Production) until 2025-12-31");
    }

    [Fact]
    public void Account_tag_for_another_check_does_not_exempt()
    {
        LocalUsers(Make.User("bob"), ("compliance:exempt", "iam.root-mfa")).Single().Status.Should().Be(CheckStatus.Failed);
    }

    [Fact]
    public void Resource_tag_exempts_its_own_result_only()
    {
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Instance("i-1", "us-east-1", Make.Tags(("compliance:exempt", "region.resource-outside-approved"), ("compliance:exempt-until", "2025-07-01"))))
            .Resource(Make.Instance("i-2", "us-east-1"))
            .Build();

        var results = Scenario.Evaluate(new ResourceOutsideApprovedRegionCheck(), inventory, ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"] });

        results.Select(r => (r.Details["Id"], r.Status)).Should().Equal(("i-1", CheckStatus.Exempted), ("i-2", CheckStatus.Failed));
        results[0].Reason.Should().Be("exempted by tag compliance:exempt on EC2 instance 'i-1' until 2025-07-01");
    }

    [Fact]
    public void An_expired_resource_tag_does_not_hide_a_valid_account_exemption()
    {
        var inventory = InventoryBuilder.Member()
            .AccountTags(("compliance:exempt", "*"))
            .Resource(Make.Instance("i-1", "us-east-1", Make.Tags(("compliance:exempt", "*"), ("compliance:exempt-until", "2020-01-01"))))
            .Build();

        var result = Scenario.Evaluate(new ResourceOutsideApprovedRegionCheck(), inventory, ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"] }).Single();

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Reason.Should().Contain("on account 111122223333");
    }

    [Fact]
    public void A_trail_is_exempted_by_the_tags_the_tagging_api_listed_for_it()
    {
        var trail = Make.Trail("org-trail", multiRegion: false);
        var inventory = InventoryBuilder.Management()
            .Trail(trail)
            .Resource(Make.Tagged(trail.Arn, tags: Make.Tags(("compliance:exempt", "cloudtrail.organization-trail"), ("compliance:exempt-until", "2025-07-01"))))
            .Build();

        var result = Scenario.Evaluate(new OrganizationTrailCheck(), inventory).Single();

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Reason.Should().Contain("CloudTrail trail 'org-trail'");
    }

    [Fact]
    public void Passed_results_are_left_alone()
    {
        var inventory = InventoryBuilder.Member().AccountTags(("compliance:exempt", "*")).Root(Make.Root(mfa: true)).Build();

        var result = Scenario.Evaluate(new RootMfaCheck(), inventory).Single();

        result.Status.Should().Be(CheckStatus.Passed);
        result.Reason.Should().BeNull();
    }
}

public class PolicyExemptionTests
{
    private static readonly AccountInventory Inventory = InventoryBuilder.Member()
        .User(Make.User("breakglass", password: true, mfa: true, keys: [Make.Key("AKIAEXAMPLE000000001")]))
        .User(Make.User("bob"))
        .Build();

    private static IReadOnlyList<CheckResult> Evaluate(params PolicyExemption[] exemptions) =>
        Evaluator.Run(Inventory, ScanPolicy.Default with { Exemptions = exemptions }, [new LocalUserCheck(), new AccessKeyCheck()]).Results;

    private static PolicyExemption Exemption(string check = "iam.local-user", string? account = Scenario.MemberId, string? resource = "breakglass", DateOnly? until = null) =>
        new() { CheckId = check, AccountId = account, ResourceId = resource, Reason = "Break-glass, approved by the CISO", Until = until, Source = "policy.yaml exemptions[0]" };

    private static CheckStatus StatusOf(IReadOnlyList<CheckResult> results, string checkId, string user) =>
        results.Single(r => r.CheckId == checkId && r.Details["UserName"] == user).Status;

    [Fact]
    public void Exemption_by_user_name_names_the_policy_entry()
    {
        var results = Evaluate(Exemption(until: new DateOnly(2027, 1, 31)));

        var exempted = results.Single(r => r.CheckId == "iam.local-user" && r.Status == CheckStatus.Exempted);
        exempted.Reason.Should().Be("exempted by policy exemption policy.yaml exemptions[0] (Break-glass, approved by the CISO) until 2027-01-31");
        StatusOf(results, "iam.local-user", "bob").Should().Be(CheckStatus.Failed);
        StatusOf(results, "iam.access-key", "breakglass").Should().Be(CheckStatus.Failed, "the exemption names another check");
    }

    [Fact]
    public void Exemption_by_arn_matches()
    {
        StatusOf(Evaluate(Exemption(resource: Make.UserArn("bob"))), "iam.local-user", "bob").Should().Be(CheckStatus.Exempted);
    }

    [Fact]
    public void Access_key_can_be_named_by_its_user_or_its_id()
    {
        StatusOf(Evaluate(Exemption("iam.access-key", resource: "breakglass")), "iam.access-key", "breakglass").Should().Be(CheckStatus.Exempted);
        StatusOf(Evaluate(Exemption("iam.access-key", resource: "AKIAEXAMPLE000000001")), "iam.access-key", "breakglass").Should().Be(CheckStatus.Exempted);
    }

    [Fact]
    public void Wildcards_match_every_check_or_resource()
    {
        var results = Evaluate(Exemption("*", resource: "*"));

        results.Should().OnlyContain(r => r.Status == CheckStatus.Exempted);
    }

    [Fact]
    public void Exemption_for_another_account_does_not_apply()
    {
        Evaluate(Exemption(account: "999999999999")).Should().OnlyContain(r => r.Status == CheckStatus.Failed);
    }

    [Fact]
    public void Expired_policy_exemption_stays_failed_and_says_so()
    {
        var result = Evaluate(Exemption(until: new DateOnly(2025, 6, 14))).Single(r => r.ResourceId == Make.UserArn("breakglass"));

        result.Status.Should().Be(CheckStatus.Failed);
        result.Description.Should().Contain("the policy exemption policy.yaml exemptions[0] (Break-glass, approved by the CISO) expired on 2025-06-14");
    }

    [Fact]
    public void Policy_exemptions_from_a_parsed_file_apply()
    {
        var policy = PolicyLoader.Parse("""
            exemptions:
              - check: iam.local-user
                account: "111122223333"
                resource: bob
                reason: Service account for the legacy ERP, ticket SEC-42
                until: 2026-03-31
            """, "policy.yaml");

        var result = Evaluator.Run(Inventory, policy, [new LocalUserCheck()]).Results.Single(r => r.ResourceId == Make.UserArn("bob"));

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Reason.Should().Be(
            "exempted by policy exemption policy.yaml exemptions[0] (Service account for the legacy ERP, ticket SEC-42) until 2026-03-31");
    }
}

/// <summary>Every check, failing, then exempted by an account tag, then with that tag expired.</summary>
public class ExemptionsForEveryCheckTests
{
    private static readonly ScanPolicy Policy = ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"], RequiredTags = ["owner"] };

    public static TheoryData<string> RunnableIds() => [.. CheckCatalog.RunnableIds];

    /// <summary>A management account that fails every check.</summary>
    private static AccountInventory Failing(params (string, string)[] accountTags) => InventoryBuilder.Management()
        .AccountTags(accountTags)
        .User(Make.User("deploy-bot", password: true, keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 400)], accountId: Scenario.ManagementId))
        .Root(Make.Root(mfa: false, key1: true, accountId: Scenario.ManagementId))
        .RootAccess(new RootAccessManagement(RootCredentialsManagement: false, RootSessions: false))
        .Trail(Make.Trail("local", organization: false))
        .Region("me-central-1", optIn: true)
        .Resource(Make.Instance("i-0abc", "us-east-1", accountId: Scenario.ManagementId))
        .Build();

    private static List<CheckResult> Results(string checkId, AccountInventory inventory) =>
        [.. Evaluator.Run(GuardrailFailures.For(checkId, inventory), Policy, [CheckCatalog.FindCheck(checkId)!]).Results];

    [Theory]
    [MemberData(nameof(RunnableIds))]
    public void Check_fails_without_an_exemption(string checkId)
    {
        Results(checkId, Failing()).Should().NotBeEmpty().And.OnlyContain(r => r.Status == CheckStatus.Failed && r.CheckId == checkId);
    }

    [Theory]
    [MemberData(nameof(RunnableIds))]
    public void Check_is_exempted_by_an_account_tag(string checkId)
    {
        var results = Results(checkId, Failing(("compliance:exempt", checkId), ("compliance:exempt-until", "2030-01-01")));

        results.Should().NotBeEmpty().And.OnlyContain(r => r.Status == CheckStatus.Exempted && r.Reason!.Contains("until 2030-01-01"));
    }

    [Theory]
    [MemberData(nameof(RunnableIds))]
    public void Check_stays_failed_when_the_exemption_expired(string checkId)
    {
        var results = Results(checkId, Failing(("compliance:exempt", checkId), ("compliance:exempt-until", "2025-01-01")));

        results.Should().NotBeEmpty().And.OnlyContain(r => r.Status == CheckStatus.Failed && r.Description.Contains("expired on 2025-01-01"));
    }
}
