using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Reads this scanner's own findings back from an account's Security Hub: what a publish reconciles against, and the
/// scan health the scanner keeps in its own account. Emulators may ignore filters, so what comes back is filtered again.
/// </summary>
internal sealed class ScannerFindingReader(SecurityHubCalls calls, PublisherOptions options)
{
    /// <summary>Security Hub takes at most 20 values per filter attribute.</summary>
    private const int FilterValues = 20;

    /// <summary>Above this many ids to look up, one read of the archived findings is cheaper than lookups by id.</summary>
    private const int MaxIdLookups = 2 * FilterValues;

    /// <summary>Every active scan-health finding of this scanner in its own account (the accounts not scanned last time).</summary>
    public async Task<ScanHealthHistory> ScanHealthAsync(ProtocolClient client, string accountId, string region, CancellationToken cancellationToken)
    {
        var productArn = ScannerProduct.ProductArn(region, accountId);
        var filters = Base(productArn, accountId, "ACTIVE") with { GeneratorId = Values([AccountScanHealth.CheckId]) };
        var active = new Dictionary<string, PreviousScanHealth>(StringComparer.Ordinal);
        await foreach (var finding in ReadAsync(client, filters, cancellationToken))
        {
            if (ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ACTIVE")
                && AccountScanHealth.FromFinding(finding) is { State: not Core.Checks.ScanState.Scanned } health)
            {
                active[health.AccountId] = health;
            }
        }

        return new ScanHealthHistory(active);
    }

    /// <summary>
    /// This scanner's findings in the account, from Security Hub: the ACTIVE ones of every check that ran or reported,
    /// and the ARCHIVED ones that failing or exempted results are about to update (their history is kept).
    /// Emulators may ignore filters, so what comes back is filtered again here.
    /// </summary>
    public async Task<List<AsffFinding>> ExistingAsync(
        ProtocolClient client, string accountId, string region, IReadOnlyList<CheckResult> results, IReadOnlySet<string> checksRun, CancellationToken cancellationToken)
    {
        var productArn = ScannerProduct.ProductArn(region, accountId);
        var generators = checksRun.Concat(results.Select(r => r.CheckId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, AsffFinding>(StringComparer.Ordinal);

        foreach (var chunk in generators.Chunk(FilterValues))
        {
            var filters = Base(productArn, accountId, "ACTIVE") with { GeneratorId = Values(chunk) };
            await foreach (var finding in ReadAsync(client, filters, cancellationToken))
            {
                if (ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ACTIVE") && chunk.Contains(finding.GeneratorId, StringComparer.Ordinal))
                {
                    found.TryAdd(finding.Id, finding);
                }
            }
        }

        var candidates = results
            .Where(r => r.Status != CheckStatus.Passed)
            .Select(r => (Id: FindingIdentity.For(r), r.CheckId))
            .Where(c => !found.ContainsKey(c.Id))
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return [.. found.Values];
        }

        var wanted = candidates.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var archivedFilters = candidates.Count <= MaxIdLookups
            ? candidates.Chunk(FilterValues).Select(chunk => Base(productArn, accountId, "ARCHIVED") with { Id = Values(chunk.Select(c => c.Id)) })
            : candidates.Select(c => c.CheckId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(FilterValues)
                .Select(chunk => Base(productArn, accountId, "ARCHIVED") with { GeneratorId = Values(chunk) });
        foreach (var filters in archivedFilters.ToList())
        {
            await foreach (var finding in ReadAsync(client, filters, cancellationToken))
            {
                if (wanted.Contains(finding.Id) && ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ARCHIVED"))
                {
                    found.TryAdd(finding.Id, finding);
                }
            }
        }

        return [.. found.Values];
    }

    private static AsffFilters Base(string productArn, string accountId, string recordState) => new()
    {
        ProductArn = [new StringFilter(productArn)],
        AwsAccountId = [new StringFilter(accountId)],
        RecordState = [new StringFilter(recordState)],
    };

    private static List<StringFilter> Values(IEnumerable<string> values) => [.. values.Select(v => new StringFilter(v))];

    private static bool IsState(AsffFinding finding, string state) =>
        string.Equals(finding.RecordState ?? "ACTIVE", state, StringComparison.Ordinal);

    /// <summary>Every finding matching the filters, page by page (100 a page), each page paced and retried with backoff.</summary>
    private async IAsyncEnumerable<AsffFinding> ReadAsync(
        ProtocolClient client, AsffFilters filters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var paged = SecurityHubApi.GetFindings;
        var pages = Paginator.PagesAsync(
            request => calls.SendAsync(options.RateLimits.GetFindings, paged.Operation.Name, () => client.SendAsync(paged.Operation, request, cancellationToken), cancellationToken),
            paged,
            new GetFindingsRequest(filters, MaxResults: 100),
            cancellationToken);
        await foreach (var page in pages)
        {
            foreach (var finding in page.Findings ?? [])
            {
                yield return finding;
            }
        }
    }
}
