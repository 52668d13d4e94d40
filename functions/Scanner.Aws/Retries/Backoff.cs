namespace Scanner.Aws.Retries;

/// <summary>
/// How long to wait before the next attempt of a call the scanner retries itself (rather than the SDK): exponential from
/// <see cref="BaseDelay"/>, capped at <see cref="MaxDelay"/>, with "equal jitter" (half fixed, half random) so that
/// callers throttled together do not come back together.
/// </summary>
public sealed record Backoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public TimeSpan Before(int nextAttempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, nextAttempt - 2)));
#pragma warning disable CA5394 // Jitter spreads retries; it protects nothing.
        return TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
#pragma warning restore CA5394
    }
}
