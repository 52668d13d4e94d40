using System.Diagnostics;

namespace Scanner.Bench.Server.Handlers;

/// <summary>A service-side request quota: <c>burst</c> requests at once, refilled at <c>rate</c> a second.</summary>
internal sealed class TokenBucket(double rate, int burst)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _last = Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (now - _last) * rate / Stopwatch.Frequency);
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }

            return false;
        }
    }
}
