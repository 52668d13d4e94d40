namespace Scanner.Core.Tests.Policy;

using Scanner.Core.Policy;

/// <summary>Issue 16: the policy's tagExemptions and exemptionWarningDays keys, read and validated like every other key.</summary>
public class TagExemptionPolicyTests
{
    private static PolicyException Rejected(string text)
    {
        var act = () => PolicyLoader.Parse(text, "policy.yaml");
        return act.Should().Throw<PolicyException>().Which;
    }

    [Fact]
    public void Defaults_are_the_safe_ones()
    {
        var policy = PolicyLoader.Parse("approvedRegions: [eu-west-1]", "policy.yaml");

        policy.TagExemptions.Should().Be(TagExemptionRules.Default);
        policy.TagExemptions.Should().Match<TagExemptionRules>(r => r.RequireExpiry && r.MaxDays == 90 && !r.AllowWildcard && r.AllowedChecks == null);
        policy.ExemptionWarningDays.Should().Be(14);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var policy = PolicyLoader.Parse("""
            tagExemptions:
              allowedChecks: [iam.local-user, tag.resource-missing-required]
              requireExpiry: false
              maxDays: 30
              allowWildcard: true
            exemptionWarningDays: 7
            """, "policy.yaml");

        policy.TagExemptions.AllowedChecks.Should().Equal("iam.local-user", "tag.resource-missing-required");
        policy.TagExemptions.RequireExpiry.Should().BeFalse();
        policy.TagExemptions.MaxDays.Should().Be(30);
        policy.TagExemptions.AllowWildcard.Should().BeTrue();
        policy.ExemptionWarningDays.Should().Be(7);
    }

    [Fact]
    public void The_same_keys_read_from_JSON()
    {
        var policy = PolicyLoader.Parse("""{"tagExemptions": {"allowedChecks": [], "maxDays": 10}, "exemptionWarningDays": 0}""", "policy.json");

        policy.TagExemptions.AllowedChecks.Should().BeEmpty();
        policy.TagExemptions.MaxDays.Should().Be(10);
        policy.ExemptionWarningDays.Should().Be(0);
    }

    [Theory]
    [InlineData("tagExemptions: [iam.local-user]", "tagExemptions: expected 'key: value' settings (allowedChecks, requireExpiry, maxDays, allowWildcard), got a list", 1)]
    [InlineData("tagExemptions:", "tagExemptions: expected 'key: value' settings", 1)]
    [InlineData("tagExemptions:\n  allowedCheck: [iam.local-user]", "tagExemptions.allowedCheck: unknown key (expected one of: allowedChecks, requireExpiry, maxDays, allowWildcard)", 2)]
    [InlineData("tagExemptions:\n  MaxDays: 30", "tagExemptions.MaxDays: unknown key; did you mean 'maxDays'?", 2)]
    [InlineData("tagExemptions:\n  allowedChecks: iam.local-user", "tagExemptions.allowedChecks: expected a list, got the single value 'iam.local-user'", 2)]
    [InlineData("tagExemptions:\n  allowedChecks: [iam.local-user, iam.bogus]", "tagExemptions.allowedChecks[1]: 'iam.bogus' is not a known check id", 2)]
    [InlineData("tagExemptions:\n  allowedChecks: ['*']", "tagExemptions.allowedChecks[0]: '*' is not a known check id", 2)]
    [InlineData("tagExemptions:\n  requireExpiry: yes", "tagExemptions.requireExpiry: expected true or false, got the value 'yes'", 2)]
    [InlineData("tagExemptions:\n  requireExpiry: 'true'", "tagExemptions.requireExpiry: expected true or false, got the value 'true'", 2)]
    [InlineData("tagExemptions:\n  allowWildcard: [true]", "tagExemptions.allowWildcard: expected true or false, got a list", 2)]
    [InlineData("tagExemptions:\n  maxDays: ninety", "tagExemptions.maxDays: 'ninety' is not a whole number of days", 2)]
    [InlineData("tagExemptions:\n  maxDays: -5", "tagExemptions.maxDays: -5 is negative", 2)]
    [InlineData("tagExemptions:\n  maxDays: 0", "tagExemptions.maxDays: must be at least 1 day; to accept no tag exemptions at all, write allowedChecks: []", 2)]
    [InlineData("exemptionWarningDays: two weeks", "exemptionWarningDays: 'two weeks' is not a whole number of days", 1)]
    [InlineData("exemptionWarningDays: -1", "exemptionWarningDays: -1 is negative", 1)]
    [InlineData("exemptionWarnDays: 14", "exemptionWarnDays: unknown key", 1)]
    public void Bad_keys_and_values_are_named_by_path_and_line(string text, string expected, int line)
    {
        var error = Rejected("approvedRegions: [eu-west-1]\n" + text).Errors.Should().ContainSingle().Subject;

        error.ToString().Should().StartWith(expected);
        error.Line.Should().Be(line + 1);
    }

    [Fact]
    public void Every_bad_value_is_reported_together_with_its_line()
    {
        var error = Rejected("""
            tagExemptions:
              allowedChecks: [iam.nope]
              requireExpiry: maybe
              maxDays: 0
              allowWildcard: 1
            exemptionWarningDays: -2
            """);

        error.Errors.Select(e => (e.Field, e.Line)).Should().Equal(
            ("tagExemptions.allowedChecks[0]", 2), ("tagExemptions.requireExpiry", 3), ("tagExemptions.maxDays", 4),
            ("tagExemptions.allowWildcard", 5), ("exemptionWarningDays", 6));
    }

    [Fact]
    public void A_policy_exemption_without_a_reason_is_refused()
    {
        Rejected("exemptions:\n  - check: iam.local-user\n    account: '111122223333'\n    resource: bob")
            .Errors.Should().ContainSingle().Which.ToString().Should().Be(
                "exemptions[0]: needs reason: why the exemption was granted (it is shown on every exempted finding) (line 2)");
    }
}
