namespace Scanner.Core.Tests.Policy;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scanner.Core.Policy;

public class PolicyLoaderProperties
{
    private static readonly string[] Tokens =
    [
        "approvedRegions", "requiredTags", "auditRoleName", "externalId", "maxAccessKeyAgeDays", "maxAccessKeyUnusedDays",
        "scannerStackName", "checks", "exemptions", "overrides", "ou", "account", "additionalApprovedRegions",
        "removeRequiredTags", "check", "resource", "reason", "until", "bogus",
        "eu-west-1", "us-east-9x", "iam.local-user", "*", "111122223333", "12", "2027-01-31", "2027-13-45", "-1", "90",
        "1e9", "99999999999999999999", "null", "~", "true", "Sandbox", "ou-ab12-cdef3456",
        ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "\"", "'", "#", "&a ", "*a", "!!str ", "!!int ", "? ", "|", ">",
        "---", "...", "%YAML 1.2", "\n", "\n  ", "\n    ", "\n- ", " ", "\t", "\\", "\u00e9", "\u0000", "\ud83d\ude00", "@", "`",
    ];

    private static Arbitrary<string> YamlIsh() =>
        Gen.OneOf(
                Gen.Elements(Tokens),
                ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get))
            .ListOf()
            .Select(parts => string.Concat(parts))
            .ToArbitrary();

    private static bool OnlyPolicyExceptions(string text)
    {
        try
        {
            PolicyLoader.Parse(text, "fuzz.yaml");
            return true;
        }
        catch (PolicyException e)
        {
            return e.Errors.Count > 0 && e.Message.Length > 0;
        }
    }

    [Property(MaxTest = 2000, EndSize = 60)]
    public Property Parsing_yaml_ish_input_throws_nothing_but_PolicyException() =>
        Prop.ForAll(YamlIsh(), OnlyPolicyExceptions);

    [Property(MaxTest = 500)]
    public Property Parsing_arbitrary_text_throws_nothing_but_PolicyException(NonNull<string> text) =>
        OnlyPolicyExceptions(text.Get).ToProperty();

    [Property(MaxTest = 300)]
    public Property A_valid_policy_mutated_by_one_character_still_throws_nothing_else(PositiveInt position, char replacement)
    {
        const string valid = """
            approvedRegions: [eu-west-1, eu-central-1]
            requiredTags: [owner]
            overrides:
              - ou: Sandbox
                removeRequiredTags: [owner]
            exemptions:
              - check: iam.local-user
                account: "111122223333"
                reason: ok
                until: 2027-01-31
            """;
        var at = position.Get % valid.Length;
        return OnlyPolicyExceptions(valid[..at] + replacement + valid[(at + 1)..]).ToProperty();
    }
}
