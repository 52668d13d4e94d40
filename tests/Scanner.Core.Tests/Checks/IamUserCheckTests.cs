namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class LocalUserCheckTests
{
    private static readonly LocalUserCheck Check = new();

    [Fact]
    public void Account_without_users_has_no_results()
    {
        Scenario.Run(Check, InventoryBuilder.Member().Build()).Should().BeEmpty();
    }

    [Fact]
    public void User_with_keys_and_password_without_mfa_is_high_and_says_so()
    {
        var user = Make.User("deploy-bot", password: true, mfa: false, keys: [Make.Key("AKIAAAAAAAAAAAAAAAA1"), Make.Key("AKIAAAAAAAAAAAAAAAA2")]);
        var inventory = InventoryBuilder.Member().User(user).Build();

        var result = Scenario.Run(Check, inventory).Should().ContainSingle().Subject;

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("IAM user 'deploy-bot' has 2 active access keys and a console password without MFA");
        result.Description.Should().Contain("account 111122223333 (Production)").And.Contain("IAM Identity Center");
        result.ResourceType.Should().Be("AwsIamUser");
        result.ResourceId.Should().Be("arn:aws:iam::111122223333:user/deploy-bot");
        result.Region.Should().Be(Scenario.HomeRegion);
        result.AccountId.Should().Be(Scenario.MemberId);
        result.CheckId.Should().Be("iam.local-user");
        result.Remediation.Should().Be(LocalUserCheck.Definition.Remediation);
        result.Details["ActiveAccessKeys"].Should().Be("2");
    }

    [Fact]
    public void Console_password_without_mfa_alone_is_high()
    {
        var inventory = InventoryBuilder.Member().User(Make.User("alice", password: true)).Build();

        var result = Scenario.Run(Check, inventory).Single();

        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Be("IAM user 'alice' has a console password without MFA");
        result.Description.Should().Contain("password has never been used");
    }

    [Fact]
    public void Console_password_with_mfa_is_medium()
    {
        var inventory = InventoryBuilder.Member()
            .User(Make.User("alice", password: true, mfa: true, passwordLastUsed: Scenario.Now.AddDays(-2)))
            .Build();

        var result = Scenario.Run(Check, inventory).Single();

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("IAM user 'alice' has a console password with MFA");
        result.Description.Should().Contain("last used on 2025-06-13");
    }

    [Fact]
    public void Active_keys_without_password_are_medium_and_inactive_keys_are_not_counted()
    {
        var user = Make.User("ci", keys: [Make.Key("AKIAAAAAAAAAAAAAAAA1"), Make.Key("AKIAAAAAAAAAAAAAAAA2", active: false)]);

        var result = Scenario.Run(Check, InventoryBuilder.Member().User(user).Build()).Single();

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("IAM user 'ci' has 1 active access key");
    }

    [Fact]
    public void User_without_password_or_active_keys_is_low()
    {
        var user = Make.User("leftover", keys: [Make.Key("AKIAAAAAAAAAAAAAAAA1", active: false)]);

        var result = Scenario.Run(Check, InventoryBuilder.Member().User(user).Build()).Single();

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Low);
        result.Title.Should().Be("IAM user 'leftover' exists with no console password and no active access keys");
    }

    [Fact]
    public void Every_user_gets_its_own_result_in_name_order()
    {
        var inventory = InventoryBuilder.Member().User(Make.User("zed")).User(Make.User("amy")).Build();

        Scenario.Run(Check, inventory).Select(r => r.ResourceId).Should().Equal(Make.UserArn("amy"), Make.UserArn("zed"));
    }

    [Fact]
    public void Controls_do_not_claim_a_policy_control()
    {
        LocalUserCheck.Definition.Controls.Should().Equal("CIS AWS Foundations 1.21");
    }
}

public class AccessKeyCheckTests
{
    private static readonly AccessKeyCheck Check = new();
    private static readonly AccountPolicy Policy = new() { MaxAccessKeyAgeDays = 90, MaxAccessKeyUnusedDays = 90 };

    private static CheckResult Single(params Scanner.Core.Inventory.AccessKey[] keys) =>
        Scenario.Run(Check, InventoryBuilder.Member().User(Make.User("deploy-bot", keys: keys)).Build(), Policy).Should().ContainSingle().Subject;

    [Fact]
    public void Recent_used_key_is_medium_with_age_and_last_use()
    {
        var result = Single(Make.Key("AKIAEXAMPLE000000001", ageDays: 30, lastUsedDaysAgo: 2));

        result.Status.Should().Be(CheckStatus.Failed);
        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().Be("Active access key AKIAEXAMPLE000000001 of IAM user 'deploy-bot', created 2025-05-16, last used 2025-06-13");
        result.Description.Should().Contain("is active; it was created on 2025-05-16.")
            .And.Contain("last used on 2025-06-13 to call s3 in eu-west-1")
            .And.Contain("account 111122223333 (Production)");
        result.Details["CreatedAt"].Should().Be("2025-05-16");
        result.Details["LastUsedAt"].Should().Be("2025-06-13");
        result.ResourceType.Should().Be("AwsIamAccessKey");
        result.ResourceId.Should().Be("arn:aws:iam::111122223333:user/deploy-bot/access-key/AKIAEXAMPLE000000001");
        result.Region.Should().Be(Scenario.HomeRegion);
    }

    [Fact]
    public void Key_exactly_at_the_maximum_age_is_not_over_it()
    {
        var result = Single(Make.Key("AKIAEXAMPLE000000001", ageDays: 90, lastUsedDaysAgo: 1));

        result.Severity.Should().Be(Severity.Medium);
        result.Title.Should().NotContain("older than");
    }

    [Fact]
    public void Key_most_of_a_day_past_the_maximum_is_still_not_a_whole_day_over()
    {
        Single(Make.Key("AKIAEXAMPLE000000001", ageDays: 90.95, lastUsedDaysAgo: 1)).Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void Key_one_day_over_the_maximum_age_is_high()
    {
        var result = Single(Make.Key("AKIAEXAMPLE000000001", ageDays: 91, lastUsedDaysAgo: 1));

        result.Severity.Should().Be(Severity.High);
        result.Title.Should().Contain("created 2025-03-16 (older than the policy's 90 days)");
        result.Description.Should().Contain("older than the policy's maximum of 90 days");
    }

    [Fact]
    public void Never_used_key_counts_idle_time_from_creation()
    {
        var fresh = Single(Make.Key("AKIAEXAMPLE000000001", ageDays: 10, lastUsedDaysAgo: null));
        fresh.Severity.Should().Be(Severity.Medium);
        fresh.Title.Should().EndWith("created 2025-06-05, never used");
        fresh.Description.Should().Contain("It has never been used.");
        fresh.Details["LastUsedAt"].Should().Be("never");

        var policy = Policy with { MaxAccessKeyAgeDays = 365 };
        var stale = Scenario.Run(
            Check,
            InventoryBuilder.Member().User(Make.User("deploy-bot", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 91, lastUsedDaysAgo: null)])).Build(),
            policy).Single();
        stale.Severity.Should().Be(Severity.High);
        stale.Title.Should().EndWith("never used (unused for longer than the policy's 90 days)");
        stale.Description.Should().Contain("It has not been used since it was created, more than the policy's 90 days ago");
    }

    [Fact]
    public void Key_unused_for_longer_than_allowed_is_high_even_when_young_enough()
    {
        var policy = Policy with { MaxAccessKeyAgeDays = 365 };
        var inventory = InventoryBuilder.Member()
            .User(Make.User("deploy-bot", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 200, lastUsedDaysAgo: 91), Make.Key("AKIAEXAMPLE000000002", ageDays: 200, lastUsedDaysAgo: 90)]))
            .Build();

        var results = Scenario.Run(Check, inventory, policy);

        results.Select(r => (r.Details["AccessKeyId"], r.Severity)).Should().Equal(
            ("AKIAEXAMPLE000000001", Severity.High),
            ("AKIAEXAMPLE000000002", Severity.Medium));
    }

    [Theory]
    [InlineData(30.0, 2.0)]
    [InlineData(200.0, 150.0)]
    [InlineData(10.0, null)]
    public void An_unchanged_key_reads_the_same_days_later(double ageDays, double? lastUsedDaysAgo)
    {
        // Every change of a finding's text is a billed re-import into Security Hub: only the key may change it, not the clock.
        var inventory = InventoryBuilder.Member().User(Make.User("deploy-bot", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays, lastUsedDaysAgo)])).Build();
        var today = Scenario.Run(Check, inventory, Policy).Single();

        var later = Scenario.Run(Check, inventory with { CollectedAt = inventory.CollectedAt.AddDays(5) }, Policy).Single();

        later.Should().BeEquivalentTo(today);
    }

    [Fact]
    public void A_key_crossing_the_age_limit_changes_its_finding()
    {
        var inventory = InventoryBuilder.Member().User(Make.User("deploy-bot", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 89, lastUsedDaysAgo: 1)])).Build();
        var today = Scenario.Run(Check, inventory, Policy).Single();

        var later = Scenario.Run(Check, inventory with { CollectedAt = inventory.CollectedAt.AddDays(3) }, Policy).Single();

        later.Severity.Should().Be(Severity.High);
        later.Title.Should().NotBe(today.Title);
    }

    [Fact]
    public void Inactive_keys_and_users_without_keys_give_no_result()
    {
        var inventory = InventoryBuilder.Member()
            .User(Make.User("old", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 900, active: false)]))
            .User(Make.User("nokeys"))
            .Build();

        Scenario.Run(Check, inventory, Policy).Should().BeEmpty();
    }

    [Fact]
    public void Policy_limits_come_from_the_account_policy()
    {
        var strict = Policy with { MaxAccessKeyAgeDays = 10 };
        var inventory = InventoryBuilder.Member().User(Make.User("u", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 11)])).Build();

        Scenario.Run(Check, inventory, strict).Single().Severity.Should().Be(Severity.High);
        Scenario.Run(Check, inventory, Policy).Single().Severity.Should().Be(Severity.Medium);
    }
}
