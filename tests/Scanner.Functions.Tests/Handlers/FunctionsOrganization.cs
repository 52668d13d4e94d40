using Scanner.Aws.Services;
using Scanner.Demo;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The demo organization plus one closed account (SUSPENDED in Organizations, still listed under the root), the
/// state every handler and native test of this assembly shares: the demo for what is scanned, the closed account
/// for what the dispatcher must leave out.
/// </summary>
public sealed record FunctionsOrganization(DemoOrganizationInfo Demo, string ClosedAccountId)
{
    public const string StateKey = "functions: demo organization + one closed account";

    public const string ClosedAccountName = "retired-project";

    /// <summary>The demo's account tags, as DemoOrganization seeds them (its table is private; this is its doc).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DemoTags { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["management"] = Tags(("owner", "platform-team"), ("cost-center", "cc-0001")),
            ["security-tooling"] = Tags(("owner", "security-team"), ("cost-center", "cc-1001")),
            ["log-archive"] = Tags(("owner", "security-team"), ("cost-center", "cc-1001")),
            ["network"] = Tags(("cost-center", "cc-1002")),
            ["shared-services"] = Tags(("owner", "platform-team"), ("cost-center", "cc-1002")),
            ["payments-prod"] = Tags(("owner", "payments-team"), ("cost-center", "cc-2001")),
            ["payments-dev"] = Tags(("owner", "payments-team"), ("cost-center", "cc-2001")),
            ["sandbox-1"] = Tags(("owner", "jane.doe")),
            [DemoOrganization.LooseAccountName] = Tags(("owner", "data-team"), ("cost-center", "cc-4001")),
        };

    /// <summary>The demo's OU paths from the root (root excluded), as DemoOrganization places its accounts.</summary>
    public static IReadOnlyDictionary<string, string[]> DemoOuPaths { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["management"] = [],
        ["security-tooling"] = ["Security"],
        ["log-archive"] = ["Security"],
        ["network"] = ["Infrastructure"],
        ["shared-services"] = ["Infrastructure"],
        ["payments-prod"] = ["Workloads", "Workloads/Production"],
        ["payments-dev"] = ["Workloads"],
        ["sandbox-1"] = ["Sandbox"],
        [DemoOrganization.LooseAccountName] = [],
    };

    public static Task<FunctionsOrganization> UseAsync(MotoFixture moto) => moto.UseStateAsync(StateKey, SeedAsync);

    /// <summary>
    /// The same organization seeded afresh, with nothing published yet: for a test that needs a scan to import findings,
    /// which a scan of the shared organization does not once another class has published them unchanged.
    /// </summary>
    public static Task<FunctionsOrganization> FreshAsync(MotoFixture moto) => moto.UseFreshStateAsync(SeedAsync);

    private static async Task<FunctionsOrganization> SeedAsync(MotoFixture moto)
    {
        var demo = await DemoOrganization.SeedAsync(moto.Endpoint, CancellationToken.None);
        using var organizations = moto.Client(OrganizationsApi.Service);
        var created = (await organizations.SendAsync(
            SeedOperations.CreateAccount,
            new CreateAccountRequest($"{ClosedAccountName}@example.com", ClosedAccountName, [new AwsTag("owner", "nobody")]),
            CancellationToken.None)).CreateAccountStatus;
        var closedId = created.AccountId ?? throw new InvalidOperationException($"CreateAccount {ClosedAccountName} ended {created.State}.");
        await organizations.SendAsync(SeedOperations.CloseAccount, new CloseAccountRequest(closedId), CancellationToken.None);
        return new FunctionsOrganization(demo, closedId);
    }

    private static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
