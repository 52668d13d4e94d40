using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Scanner.Bench.Server;

/// <summary>
/// Which calls the server answers with the service's throttling error when asked to throttle a share of them: that share
/// of each operation's calls, the first call of every operation among them. Deterministic, so a test that expects every
/// protocol's throttling error to be seen and retried cannot pass or fail by chance on an operation called a few times.
/// </summary>
public sealed class ThrottleSchedule
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _callsByOperation = new(StringComparer.Ordinal);

    /// <summary>Whether this call (the next of its operation) is to be throttled at <paramref name="percent"/>.</summary>
    public bool Throttles(string operation, double percent)
    {
        if (percent <= 0)
        {
            return false;
        }

        var n = Interlocked.Increment(ref _callsByOperation.GetOrAdd(operation, _ => new StrongBox<long>()).Value) - 1;

        // Call n is throttled when the running quota, n·p/100 rounded up, grows with it: calls 0, 10, 20... at 10%.
        var share = percent / 100;
        return Math.Ceiling((n + 1) * share) > Math.Ceiling(n * share);
    }
}
