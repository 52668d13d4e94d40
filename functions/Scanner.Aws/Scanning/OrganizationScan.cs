using Scanner.Aws.Publishing;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Scanning;

/// <summary>
/// Runs many accounts through the <see cref="AccountScanPipeline"/> at once under a bound, as the CLI does in one
/// process (the Lambda functions spread the same work over SQS instead). Results come back in the order the
/// accounts were given.
/// </summary>
public sealed class OrganizationScan(AccountScanPipeline pipeline, int accountConcurrency)
{
    /// <summary>Scan only, nothing published (the bench and the tests of collection).</summary>
    public OrganizationScan(AccountScanner scanner, int accountConcurrency)
        : this(new AccountScanPipeline(scanner, null, TimeProvider.System), accountConcurrency)
    {
    }

    /// <param name="accounts">The accounts to scan.</param>
    /// <param name="afterScan">A step of the caller's own after each scan, while its session is open (the bench's publishing).</param>
    /// <param name="progress">Told of each account as it finishes.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public Task<IReadOnlyList<AccountScanResult>> RunAsync(
        IReadOnlyList<OrganizationAccount> accounts,
        Func<AccountScanResult, CancellationToken, Task<AccountScanResult>>? afterScan,
        IProgress<AccountScanResult>? progress,
        CancellationToken cancellationToken) =>
        RunAsync(accounts, null, afterScan, progress, cancellationToken);

    /// <param name="accounts">The accounts to scan.</param>
    /// <param name="history">The accounts' health when the run began, read once (null when nothing is published).</param>
    /// <param name="afterScan">A step of the caller's own after each scan, while its session is open.</param>
    /// <param name="progress">Told of each account as it finishes.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<IReadOnlyList<AccountScanResult>> RunAsync(
        IReadOnlyList<OrganizationAccount> accounts,
        ScanHealthHistory? history,
        Func<AccountScanResult, CancellationToken, Task<AccountScanResult>>? afterScan,
        IProgress<AccountScanResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var results = new AccountScanResult[accounts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, accountConcurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var options = new AccountScanOptions { PreviousHealth = history?.For(accounts[i].Id), AfterScan = afterScan };
                results[i] = await pipeline.RunAsync(accounts[i], options, ct);
                progress?.Report(results[i]);
            });
        return results;
    }
}
