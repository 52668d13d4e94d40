namespace Scanner.Core.Tests.Evaluation;

using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class AsffLimitsTests
{
    [Fact]
    public void Results_with_very_long_names_are_fitted_to_security_hub_limits()
    {
        var name = new string('u', 64);
        var keyId = "AKIA" + new string('X', 124);
        var user = Make.User(name, password: true, keys: [Make.Key(keyId, ageDays: 400, lastUsedDaysAgo: 200)],
            tags: Make.Tags(("compliance:exempt", "*"), ("compliance:exempt-until", new string('z', 200))));
        var inventory = InventoryBuilder.Member(name: new string('N', 50)).User(user).Build();

        var results = Evaluator.Evaluate(inventory, ScanPolicy.Default);

        var key = results.Single(r => r.CheckId == "iam.access-key");
        key.Title.Should().HaveLength(AsffLimits.MaxTitleLength).And.EndWith("…").And.StartWith($"Active access key {keyId}");
        key.Description.Length.Should().BeLessThanOrEqualTo(AsffLimits.MaxDescriptionLength);
        key.Details["ExemptionNotApplied"].Should().Contain("not a date", "what the description lost is kept in the details");
        results.Should().OnlyContain(r => r.Title.Length <= AsffLimits.MaxTitleLength && r.Description.Length <= AsffLimits.MaxDescriptionLength);
    }

    [Fact]
    public void Short_text_is_untouched_and_surrogate_pairs_are_not_split()
    {
        AsffLimits.Shorten("short", 10).Should().Be("short");
        var text = new string('a', 8) + "\ud83d\ude00" + "bbb";

        var shortened = AsffLimits.Shorten(text, 10);

        shortened.Should().Be(new string('a', 8) + "…");
    }

    [Fact]
    public void A_remediation_too_long_for_security_hub_is_fitted_too()
    {
        var result = Evaluator.Evaluate(InventoryBuilder.Member().User(Make.User("alice", password: true)).Build(), ScanPolicy.Default)
            .Single(r => r.CheckId == "iam.local-user");

        var fitted = AsffLimits.Fit(result with { Remediation = result.Remediation + " " + new string('x', 600) });

        fitted.Remediation.Should().HaveLength(AsffLimits.MaxRemediationLength).And.StartWith(result.Remediation).And.EndWith("…");
        AsffLimits.Fit(result).Should().BeSameAs(result, because: "a result within every limit is handed on as it is");
    }

    [Fact]
    public void The_text_cut_at_a_space_does_not_end_in_one()
    {
        AsffLimits.Shorten("aaaa bbbbbb", 6).Should().Be("aaaa…");
    }
}
