namespace Scanner.Aws.Publishing;

/// <summary>
/// A request-rate limit as a token bucket: <c>burst</c> requests at once, then one every 1/rate seconds. Time comes
/// from a <see cref="TimeProvider"/>, with no timer of its own, so tests drive it with a fake clock and never sleep,
/// and a Lambda process keeps nothing running between invocations. Thread-safe; meant to be shared by every
/// account scanned in the process.
/// </summary>
/// <remarks>
/// System.Threading.RateLimiting's TokenBucketRateLimiter would do the counting, but it ships in the ASP.NET Core
/// shared framework and as a NuGet package, not in Microsoft.NETCore.App; a bucket is a few lines, and this one
/// refills from the time provider, which that one (on its own timer) does not.
/// </remarks>
public sealed class ApiRateLimiter
{
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly Lock _gate = new();
    private readonly long _origin;
    private long _minted;
    private int _tokens;
    private long _granted;

    public ApiRateLimiter(double requestsPerSecond, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time ?? TimeProvider.System;
        _burst = burst;
        _tokens = burst;
        _origin = _time.GetTimestamp();
        RequestsPerSecond = requestsPerSecond;
    }

    public double RequestsPerSecond { get; }

    public int Burst => _burst;

    /// <summary>Permits granted so far (for tests and logs).</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>Takes a permit if one is free now; never waits.</summary>
    public bool TryAcquire() => TryAcquire(out _);

    /// <summary>Waits (on the time provider) until a permit is free, and takes it.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        while (!TryAcquire(out var wait))
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Takes a permit, or says how long until the next token.</summary>
    private bool TryAcquire(out TimeSpan wait)
    {
        lock (_gate)
        {
            // Tokens are minted at the exact rate since the limiter was made; a full bucket lets the surplus go.
            var elapsed = _time.GetTimestamp() - _origin;
            var due = (long)Math.Floor(elapsed * RequestsPerSecond / _time.TimestampFrequency);
            if (due > _minted)
            {
                _tokens = (int)Math.Min(_burst, _tokens + (due - _minted));
                _minted = due;
            }

            if (_tokens > 0)
            {
                _tokens--;
                _granted++;
                wait = TimeSpan.Zero;
                return true;
            }

            var remaining = ((_minted + 1) * (double)_time.TimestampFrequency / RequestsPerSecond) - elapsed;
            wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(remaining * TimeSpan.TicksPerSecond / _time.TimestampFrequency)));
            return false;
        }
    }
}
