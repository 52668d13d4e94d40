using System.Text;
using System.Text.Json;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// The findings a publish would import for a result set, without Security Hub: what a first publish of each account
/// sends (failing results as ACTIVE findings, exempted ones as ARCHIVED records; passes resolve nothing when nothing
/// is stored). For the CLI's --format asff and for reviewing a scan before publishing it.
/// </summary>
public static class AsffExport
{
    /// <param name="results">Results of any number of accounts; each finding goes to the account its result names.</param>
    /// <param name="region">The Region the findings would be imported into (the scanner's home Region).</param>
    /// <param name="now">The scan's time.</param>
    /// <param name="metadata">Check metadata by id; the catalog by default.</param>
    public static IReadOnlyList<AsffFinding> Findings(
        IEnumerable<CheckResult> results, string region, DateTimeOffset now, Func<string, CheckMetadata?>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reconciler = new FindingReconciler(metadata);
        return
        [
            .. results
                .GroupBy(r => r.AccountId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(account => reconciler.Reconcile(new ReconcileInput
                {
                    AccountId = account.Key,
                    Region = region,
                    Results = [.. account],
                    Existing = [],
                    ChecksRun = new HashSet<string>(StringComparer.Ordinal),
                    Now = now,
                }).Imports.Select(i => i.Finding)),
        ];
    }

    /// <summary>The findings as a BatchImportFindings request body: {"Findings": [...]}.</summary>
    public static string ToJson(IReadOnlyList<AsffFinding> findings, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var compact = JsonSerializer.SerializeToUtf8Bytes(new BatchImportFindingsRequest([.. findings]), AwsJsonContext.Default.BatchImportFindingsRequest);
        if (!indented)
        {
            return Encoding.UTF8.GetString(compact);
        }

        using var document = JsonDocument.Parse(compact);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
