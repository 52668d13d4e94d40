namespace Scanner.Core.Tests.Evaluation;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

/// <summary>
/// Issue 16: a resource's or user's own exemption tag is written by the audited account, so the policy governs it.
/// Every refusal leaves the result FAILED and names the rule, and says how to ask for a real exemption.
/// Scenario.Today is 2025-06-15.
/// </summary>
public class TagExemptionRuleTests
{
    private static readonly ScanPolicy Regions = ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"] };

    private static CheckResult LocalUser(IamUser user, ScanPolicy? policy = null) =>
        Scenario.Evaluate(new LocalUserCheck(), InventoryBuilder.Member().User(user).Build(), policy).Single();

    private static IamUser Bob(params (string Key, string Value)[] tags) => Make.User("bob", password: true, mfa: true, tags: Make.Tags(tags));

    private static void ShouldBeRefusedBy(CheckResult result, params string[] rules)
    {
        result.Status.Should().Be(CheckStatus.Failed);
        result.Reason.Should().BeNull();
        result.Details["ExemptionRefusedBy"].Should().Be(string.Join(", ", rules));
        result.Description.Should().Contain($"(rule {rules[0]})");
        result.Details["ExemptionNotApplied"].Should().ContainAll(rules.Select(r => $"(rule {r})"),
            because: "the details keep every refusal even where Security Hub's limit cuts the description");
        if (result.Description.Length < AsffLimits.MaxDescriptionLength)
        {
            result.Description.Should().EndWith(Exemptions.HowToRequest + ".", because: "a refusal says how to request a real exemption");
        }
        result.Exemptions.Should().ContainSingle().Which.Should().Match<ExemptionDecision>(d =>
            d.State == ExemptionState.Refused && d.Source == ExemptionSource.ResourceTag && d.RefusedBy.SequenceEqual(rules));
    }

    [Fact]
    public void A_tag_exemption_beyond_the_allowed_horizon_is_refused()
    {
        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-12-31")));

        ShouldBeRefusedBy(result, "tagExemptions.maxDays");
        result.Description.Should().Contain(
            "Exemption not applied: the exemption by tag compliance:exempt on IAM user 'bob' was refused: its expiry 2025-12-31 is more than the 90 days ahead the policy allows (rule tagExemptions.maxDays).");
        result.Exemptions.Single().DaysLeft.Should().Be(199);
    }

    [Theory]
    [InlineData("2025-09-13", CheckStatus.Exempted)] // 90 days ahead: the last day allowed
    [InlineData("2025-09-14", CheckStatus.Failed)]
    public void The_horizon_counts_whole_days_from_the_scan(string until, CheckStatus expected)
    {
        LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", until))).Status.Should().Be(expected);
    }

    [Fact]
    public void The_policy_sets_the_horizon()
    {
        var policy = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { MaxDays = 365 } };

        LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-12-31")), policy).Status.Should().Be(CheckStatus.Exempted);
    }

    [Fact]
    public void A_tag_exemption_without_an_expiry_is_refused_when_one_is_required()
    {
        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user")));

        ShouldBeRefusedBy(result, "tagExemptions.requireExpiry");
        result.Description.Should().Contain("it has no compliance:exempt-until date, and the policy requires one (rule tagExemptions.requireExpiry)");
    }

    [Fact]
    public void A_tag_exemption_for_a_check_the_policy_does_not_allow_is_refused()
    {
        var policy = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { AllowedChecks = ["iam.access-key"] } };

        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-07-01")), policy);

        ShouldBeRefusedBy(result, "tagExemptions.allowedChecks");
        result.Description.Should().Contain("the policy does not let a resource's own tag exempt iam.local-user (allowed: iam.access-key)");
    }

    [Fact]
    public void An_empty_allowed_list_refuses_every_tag_exemption()
    {
        var policy = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { AllowedChecks = [] } };

        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-07-01")), policy);

        ShouldBeRefusedBy(result, "tagExemptions.allowedChecks");
        result.Description.Should().Contain("(allowed: none)");
    }

    [Fact]
    public void A_star_on_a_resource_is_refused()
    {
        var inventory = InventoryBuilder.Member()
            .Resource(Make.Instance("i-1", "us-east-1", Make.Tags(("compliance:exempt", "*"), ("compliance:exempt-until", "2025-07-01"))))
            .Build();

        var result = Scenario.Evaluate(new ResourceOutsideApprovedRegionCheck(), inventory, Regions).Single();

        ShouldBeRefusedBy(result, "tagExemptions.allowWildcard");
        result.Description.Should().EndWith(Exemptions.HowToRequest + ".");
        result.Description.Should().Contain("the exemption by tag compliance:exempt on EC2 instance 'i-1' was refused: '*' is not accepted from a resource's own tag; name the checks");
    }

    [Fact]
    public void A_star_on_a_user_is_accepted_only_where_the_policy_allows_it()
    {
        var policy = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { AllowWildcard = true } };

        LocalUser(Bob(("compliance:exempt", "*"), ("compliance:exempt-until", "2025-07-01")), policy).Status.Should().Be(CheckStatus.Exempted);
    }

    [Fact]
    public void Every_broken_rule_is_named_at_once()
    {
        var policy = ScanPolicy.Default with { TagExemptions = new TagExemptionRules { AllowedChecks = ["iam.access-key"] } };

        ShouldBeRefusedBy(LocalUser(Bob(("compliance:exempt", "*")), policy),
            "tagExemptions.allowWildcard", "tagExemptions.allowedChecks", "tagExemptions.requireExpiry");
    }

    [Fact]
    public void The_account_tag_in_Organizations_is_not_bound_by_the_tag_rules()
    {
        // Only the management account can tag an account in Organizations: a star without expiry is its decision.
        var inventory = InventoryBuilder.Member().AccountTags(("compliance:exempt", "*")).User(Bob()).Build();

        var result = Scenario.Evaluate(new LocalUserCheck(), inventory).Single();

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Exemptions.Single().Source.Should().Be(ExemptionSource.AccountTag);
    }

    [Fact]
    public void A_refused_user_tag_is_recorded_beside_the_account_tag_that_applies()
    {
        var inventory = InventoryBuilder.Member()
            .AccountTags(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2026-01-31"))
            .User(Bob(("compliance:exempt", "*")))
            .Build();

        var result = Scenario.Evaluate(new LocalUserCheck(), inventory).Single();

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Reason.Should().Be("exempted by tag compliance:exempt on account 111122223333 (Production) until 2026-01-31");
        result.Exemptions.Select(d => (d.Source, d.State)).Should().Equal(
            (ExemptionSource.ResourceTag, ExemptionState.Refused), (ExemptionSource.AccountTag, ExemptionState.InForce));
    }

    [Fact]
    public void A_resource_inside_the_account_never_exempts_the_account()
    {
        var inventory = InventoryBuilder.Member()
            .AccountTags(("owner", "x"))
            .Resource(Make.Instance("i-1", "eu-west-1", Make.Tags(
                ("owner", "x"), ("compliance:exempt", "tag.account-missing-required"), ("compliance:exempt-until", "2025-07-01"))))
            .Build();
        var policy = ScanPolicy.Default with { RequiredTags = ["owner", "cost-center"] };

        var result = Scenario.Evaluate(new AccountMissingRequiredTagsCheck(), inventory, policy).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Exemptions.Should().BeEmpty();
    }

    [Fact]
    public void A_policy_file_exemption_covers_any_check_without_expiry_whatever_the_tag_rules()
    {
        var policy = PolicyLoader.Parse("""
            tagExemptions:
              allowedChecks: []
            exemptions:
              - check: iam.local-user
                account: "111122223333"
                resource: bob
                reason: Service account for the legacy ERP, ticket SEC-42
            """, "policy.yaml");

        var result = LocalUser(Bob(), policy);

        result.Status.Should().Be(CheckStatus.Exempted);
        result.Exemptions.Single().Should().Match<ExemptionDecision>(d =>
            d.Source == ExemptionSource.PolicyFile && d.DeclaredAt == "policy exemption policy.yaml exemptions[0]"
            && d.Reason == "Service account for the legacy ERP, ticket SEC-42" && d.Until == null && d.DaysLeft == null);
    }

    [Fact]
    public void The_reason_tag_is_carried_to_the_register()
    {
        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-07-01"), ("compliance:exempt-reason", "CHG-7 migration")));

        result.Exemptions.Single().Should().Match<ExemptionDecision>(d =>
            d.Reason == "CHG-7 migration" && d.State == ExemptionState.InForce && d.DaysLeft == 16 && d.DeclaredAt == "tag compliance:exempt on IAM user 'bob'");
    }

    [Theory]
    [InlineData("2025-06-29", true)] // 14 days left: the default warning period
    [InlineData("2025-06-30", false)]
    public void Exemptions_in_force_that_expire_within_the_warning_period_are_flagged(string until, bool soon)
    {
        LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", until))).Exemptions.Single().ExpiresSoon.Should().Be(soon);
    }

    [Fact]
    public void An_expired_exemption_is_recorded_as_expired_not_refused()
    {
        var result = LocalUser(Bob(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-06-01")));

        result.Status.Should().Be(CheckStatus.Failed);
        result.Exemptions.Single().Should().Match<ExemptionDecision>(d => d.State == ExemptionState.Expired && d.DaysLeft == -14 && !d.ExpiresSoon);
        result.Details.Should().NotContainKey("ExemptionRefusedBy");
    }
}
