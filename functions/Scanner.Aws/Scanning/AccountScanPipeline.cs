using Scanner.Aws.Publishing;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Scanning;

/// <summary>What one account's run through the pipeline is given besides the account.</summary>
public sealed record AccountScanOptions
{
    /// <summary>The account's health when the run began (read once per run); null when not known.</summary>
    public PreviousScanHealth? PreviousHealth { get; init; }

    /// <summary>
    /// The latest time publishing may start: a scan that ends later is not published at all (<see cref="AccountScanResult.Deferred"/>),
    /// so that an account is published whole or not at all before the function's deadline. Null: no deadline.
    /// </summary>
    public DateTimeOffset? PublishBy { get; init; }

    /// <summary>The change that caused this scan (a change-driven rescan), named in the findings it raises or resolves.</summary>
    public ScanTrigger? Trigger { get; init; }

    /// <summary>A step of the caller's own after the scan, while the account's session is still open (the bench's publishing).</summary>
    public Func<AccountScanResult, CancellationToken, Task<AccountScanResult>>? AfterScan { get; init; }
}

/// <summary>
/// One account, end to end, the same for the CLI and the account scanner function: scan (assume the audit role,
/// collect, evaluate, withhold what a gap hides), reconcile and publish its findings, publish its scan health when it
/// changed, and release its session on every path (done, deferred, failed, cancelled). Without a publisher it only
/// scans (the CLI without --publish).
/// </summary>
public sealed class AccountScanPipeline(AccountScanner scanner, ScanPublisher? publisher, TimeProvider time)
{
    public async Task<AccountScanResult> RunAsync(OrganizationAccount account, AccountScanOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var result = await scanner.ScanAsync(account, cancellationToken) with { Trigger = options.Trigger };
            if (options.AfterScan is { } afterScan)
            {
                result = await afterScan(result, cancellationToken);
            }

            if (publisher is null)
            {
                return result with { Health = HealthOf(result, scanner.ScannerAccountId) };
            }

            if (options.PublishBy is { } publishBy && time.GetUtcNow() > publishBy)
            {
                return result with { Deferred = true };
            }

            result = await publisher.PublishAccountAsync(result, cancellationToken);
            var health = HealthOf(result, publisher.ScannerAccountId);
            var healthPublish = await publisher.PublishHealthAsync(health, options.PreviousHealth, cancellationToken);
            return result with { Health = health, HealthPublish = healthPublish };
        }
        finally
        {
            // A warm function or a long CLI run scans account after account: no session (and its clients) outlives its account.
            scanner.Release(account);
        }
    }

    private Core.Evaluation.CheckResult HealthOf(AccountScanResult result, string reportingAccountId) =>
        AccountScanHealth.Of(result.Account, result.Results, result.Gaps, reportingAccountId, scanner.Region);
}
