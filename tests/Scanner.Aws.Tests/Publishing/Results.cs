using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// Check results for the publishing tests, produced by the real checks through the evaluator a scan runs, on
/// inventories from the shared builders: the publisher is tested on what a scan hands it, not on a copy typed by hand
/// that agrees with the publisher instead of with the checks. Exempted and passed results come out of the evaluation
/// too: from an exemption tag in force, and from a compliant resource.
/// </summary>
internal static class Results
{
    private const string DefaultHome = "us-east-1";

    /// <summary>The policy the results are judged by: the default one, plus the tags the tag checks ask for.</summary>
    public static ScanPolicy Policy { get; } = ScanPolicy.Default with { RequiredTags = ["cost-center", "owner"] };

    /// <summary>
    /// iam.local-user on a user with a console password and MFA (Medium), reported in the scan's home Region. Exempted:
    /// the user carries a tag exemption in force. A local user never passes (it is a finding in itself, resolved by
    /// deleting the user), so there is no passed result to ask for: <see cref="Instance"/> has one.
    /// </summary>
    public static CheckResult IamUser(string accountId, string userName, CheckStatus status = CheckStatus.Failed, string region = DefaultHome)
    {
        Dictionary<string, string> tags = status switch
        {
            CheckStatus.Failed => [],
            CheckStatus.Exempted => Make.Tags(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", ExemptUntil)),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "iam.local-user reports a local user as failed or exempted, never passed."),
        };
        return LocalUser(accountId, Make.User(userName, password: true, mfa: true, tags: tags, accountId: accountId), region);
    }

    /// <summary>iam.local-user on the given user, for a test whose user differs from <see cref="IamUser"/>'s.</summary>
    public static CheckResult LocalUser(string accountId, IamUser user, string region = DefaultHome) =>
        Of(new LocalUserCheck(), InventoryBuilder.Member(accountId).Home(region).User(user).Build());

    /// <summary>
    /// tag.resource-missing-required on a running EC2 instance (a check that reads ec2, lambda and tagging): failed when
    /// the instance lacks its owner tag, passed when it carries every required tag.
    /// </summary>
    public static CheckResult Instance(string accountId, string region, string instanceId, CheckStatus status = CheckStatus.Failed)
    {
        var tags = status switch
        {
            CheckStatus.Failed => Make.Tags(("cost-center", "cc-1234")),
            CheckStatus.Passed => Make.Tags(("cost-center", "cc-1234"), ("owner", "payments-team")),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "an instance here is either missing its owner tag or fully tagged."),
        };
        return Of(new ResourceMissingRequiredTagsCheck(), InventoryBuilder.Member(accountId).Resource(Make.Instance(instanceId, region, tags, accountId)).Build());
    }

    /// <summary>The one result <paramref name="check"/> gives on <paramref name="inventory"/>, through the evaluator under <see cref="Policy"/>.</summary>
    public static CheckResult Of(ICheck check, AccountInventory inventory) => Scenario.Evaluate(check, inventory, Policy).Single();

    public static IReadOnlySet<string> Ran(params string[] checkIds) => new HashSet<string>(checkIds, StringComparer.Ordinal);

    public static IReadOnlySet<string> AllChecks { get; } = new HashSet<string>(CheckCatalog.All.Select(m => m.Id), StringComparer.Ordinal);

    /// <summary>Within the 90 days a tag exemption may run by default, counted from the scan.</summary>
    private static string ExemptUntil { get; } = Scenario.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
