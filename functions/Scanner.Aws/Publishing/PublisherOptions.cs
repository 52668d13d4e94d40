using Scanner.Core.Checks;

namespace Scanner.Aws.Publishing;

/// <summary>How the publisher keeps time, paces its requests and retries.</summary>
public sealed record PublisherOptions
{
    /// <summary>The scan's clock (finding timestamps) and the clock retries wait on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Request pacing; one instance for the whole process by default.</summary>
    public SecurityHubRateLimits RateLimits { get; init; } = SecurityHubRateLimits.Shared;

    /// <summary>Attempts per request (throttled or failed calls) and per finding (transient FailedFindings).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First retry delay; doubled on each retry up to <see cref="RetryMaxDelay"/>, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A guard of ours on one BatchImportFindings body. Security Hub documents 100 findings of up to 240 KB each, not
    /// a request size; 100 findings at that size would make a 24 MB body, so batches are also cut by bytes.
    /// </summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long an unchanged finding goes without being re-imported (the policy's findingRefreshDays).</summary>
    public TimeSpan RefreshAge { get; init; } = FindingReconciler.DefaultRefreshAge;

    /// <summary>The options a policy sets (how often unchanged findings are refreshed); the defaults for the rest.</summary>
    public static PublisherOptions For(Scanner.Core.Policy.ScanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new PublisherOptions { RefreshAge = TimeSpan.FromDays(policy.FindingRefreshDays) };
    }

    /// <summary>Check metadata by id; the catalog by default.</summary>
    public Func<string, CheckMetadata?>? Metadata { get; init; }
}
