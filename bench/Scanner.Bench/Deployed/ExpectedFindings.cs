using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Core.Evaluation;

namespace Scanner.Bench.Deployed;

/// <summary>
/// The findings a scan of the synthetic organization must leave ACTIVE in each account's Security Hub: the checks
/// evaluated (Evaluator, the scanner's own) over the inventory the organization is defined to have
/// (<see cref="ExpectedInventory"/>), every FAILED or ERROR result by its finding id. Comparing them with what the
/// bench server's Security Hub holds tells whether a finding was lost on the way. EXEMPTED results are imported too,
/// ARCHIVED: they are counted, to account for every ingestion event of a first scan.
/// </summary>
internal static class ExpectedFindings
{
    public static (Dictionary<string, HashSet<string>> Active, int Exempted) For(SyntheticOrganization organization, DateTimeOffset now)
    {
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var exempted = 0;
        foreach (var account in organization.Accounts.Where(a => a.Status == "ACTIVE"))
        {
            var inventory = ExpectedInventory.Of(organization, account, now, ScanHarness.Policy);
            var results = Evaluator.Run(inventory, ScanHarness.Policy).Results;
            expected[account.Id] = results.Where(r => r.Status is CheckStatus.Failed or CheckStatus.Error).Select(FindingIdentity.For).ToHashSet(StringComparer.Ordinal);
            exempted += results.Where(r => r.Status == CheckStatus.Exempted).Select(FindingIdentity.For).Distinct(StringComparer.Ordinal).Count();
        }

        return (expected, exempted);
    }
}
