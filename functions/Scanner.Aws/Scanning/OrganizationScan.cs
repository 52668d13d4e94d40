namespace Scanner.Aws.Scanning;

/// <summary>
/// Scans many accounts at once under a bound, as the CLI does in one process (the Lambda functions spread the
/// same work over SQS instead). Results come back in the order the accounts were given.
/// </summary>
public sealed class OrganizationScan(AccountScanner scanner, int accountConcurrency)
{
    /// <param name="afterScan">What to do with each account's result before it counts as done (publish it).</param>
    /// <param name="progress">Told of each account as it finishes.</param>
    public async Task<IReadOnlyList<AccountScanResult>> RunAsync(
        IReadOnlyList<Core.Inventory.OrganizationAccount> accounts,
        Func<AccountScanResult, CancellationToken, Task<AccountScanResult>>? afterScan,
        IProgress<AccountScanResult>? progress,
        CancellationToken cancellationToken)
    {
        var results = new AccountScanResult[accounts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, accountConcurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var result = await scanner.ScanAsync(accounts[i], ct);
                if (afterScan is not null)
                {
                    result = await afterScan(result, ct);
                }

                results[i] = result;
                scanner.Release(accounts[i]);
                progress?.Report(result);
            });
        return results;
    }
}
