using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Bench.Server.Model;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Emulator.Model;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// The ingestion diet over a whole organization, not over one hand-written result: the synthetic organization the
/// benchmark scans (every check family has work there: keys of every age and use, users, roots, trails, Regions,
/// tagged and untagged resources, exemptions), evaluated by the scanner's own checks at one time and again later with
/// nothing changed, must plan no import on the second scan until the refresh age. A finding whose text moves with
/// the clock alone (an age in days) would be re-imported, and billed, on every daily scan.
/// </summary>
public sealed class UnchangedOrganizationTests
{
    private const int Accounts = 40;
    private static readonly DateTimeOffset FirstScan = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static readonly ScanPolicy Policy = ScanPolicy.Default with
    {
        ApprovedRegions = [.. OrganizationGenerator.ApprovedRegions],
        RequiredTags = ["owner", "cost-center"],
    };

    private readonly FindingReconciler _reconciler = new();
    private readonly SyntheticOrganization _organization = OrganizationGenerator.Generate(Accounts);

    public static TheoryData<double> Later => [0.25, 1, 3, 6.9];

    [Theory]
    [MemberData(nameof(Later))]
    public void A_rescan_of_an_unchanged_organization_imports_nothing_within_the_refresh_age(double daysLater)
    {
        var imported = new List<string>();
        var stored = 0;
        foreach (var account in _organization.Accounts.Where(a => a.Status == "ACTIVE"))
        {
            var first = Reconcile(account, FirstScan, []);
            var held = first.Imports.Select(i => i.Finding).ToList();
            stored += held.Count;

            var rescan = Reconcile(account, FirstScan.AddDays(daysLater), held);

            imported.AddRange(rescan.Imports.Select(i => $"{i.Change} {i.Finding.Id}: {i.Finding.Title}"));
        }

        stored.Should().BeGreaterThan(Accounts * 5, "the organization must give the diet something to hold back");
        var byCheck = string.Join(", ", imported.GroupBy(i => i[(i.IndexOf(' ', StringComparison.Ordinal) + 1)..i.IndexOf('/', StringComparison.Ordinal)])
            .Select(g => $"{g.Key} {g.Count()}"));
        imported.Should().BeEmpty("nothing in the organization changed, only the clock moved {0} days (of {1} findings stored, imported by check: {2})", daysLater, stored, byCheck);
    }

    [Fact]
    public void Past_the_refresh_age_every_unchanged_finding_is_refreshed()
    {
        var account = _organization.Accounts.First(a => a.Status == "ACTIVE" && a.Users.Count > 0);
        var held = Reconcile(account, FirstScan, []).Imports.Select(i => i.Finding).ToList();

        var rescan = Reconcile(account, FirstScan.AddDays(8), held);

        rescan.Imports.Select(i => i.Finding.Id).Should().BeEquivalentTo(held.Select(f => f.Id), "failures and exemption records alike are kept alive");
    }

    private ReconcilePlan Reconcile(SyntheticAccount account, DateTimeOffset now, IReadOnlyList<AsffFinding> held)
    {
        var evaluation = Evaluator.Run(ExpectedInventory.Of(_organization, account, now, Policy), Policy);
        return _reconciler.Reconcile(new ReconcileInput
        {
            AccountId = account.Id,
            Region = AwsRegions.Home,
            Results = evaluation.Results,
            Existing = held,
            ChecksRun = evaluation.CheckIdsRun.ToHashSet(StringComparer.Ordinal),
            Now = now,
        });
    }
}
