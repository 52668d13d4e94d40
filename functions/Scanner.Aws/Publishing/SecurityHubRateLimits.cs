namespace Scanner.Aws.Publishing;

/// <summary>
/// Security Hub's request quotas for the two operations the publisher calls: BatchImportFindings 10 a second with
/// bursts of 30, GetFindings 3 a second with bursts of 6. <see cref="Shared"/> is the one instance every account's
/// publish in the process goes through; the quotas are per account and Region, so sharing them is conservative.
/// </summary>
public sealed class SecurityHubRateLimits
{
    public SecurityHubRateLimits(ApiRateLimiter import, ApiRateLimiter getFindings)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(getFindings);
        Import = import;
        GetFindings = getFindings;
    }

    public static SecurityHubRateLimits Shared { get; } = Create(TimeProvider.System);

    public ApiRateLimiter Import { get; }

    public ApiRateLimiter GetFindings { get; }

    /// <summary>Security Hub's quotas, timed by <paramref name="time"/>.</summary>
    public static SecurityHubRateLimits Create(TimeProvider time) =>
        new(new ApiRateLimiter(10, 30, time), new ApiRateLimiter(3, 6, time));
}
