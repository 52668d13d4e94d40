using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scanner.Bench.Server;

/// <summary>
/// Holds answers back for exactly the configured latency. Task.Delay rounds up to the runtime's coarse tick (up to
/// 4 ms on a 250 Hz kernel, +10% at 40 ms), which would make every emulated round trip longer than L and the
/// measured scan look slower than it is against its lower bound. One thread sleeps (no spinning) until the earliest
/// deadline, read from the high-resolution clock; deadlines are served in order of arrival, which is their own order
/// while the latency stays the same.
/// </summary>
internal sealed class PreciseDelay : IDisposable
{
    /// <summary>Answers due within this much are released now (a quarter of a millisecond early at most).</summary>
    private static readonly long Tolerance = Stopwatch.Frequency / 4000;

    private readonly ConcurrentQueue<(long Due, TaskCompletionSource Done)> _queue = new();
    private readonly AutoResetEvent _arrived = new(false);
    private readonly Thread _thread;
    private volatile bool _stopped;
    private long _released;
    private long _lateTicks;

    public PreciseDelay()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-latency", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public Task DelayAsync(int milliseconds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wasEmpty = _queue.IsEmpty;
        _queue.Enqueue((Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000, done));
        if (wasEmpty)
        {
            _arrived.Set();
        }

        return done.Task;
    }

    /// <summary>Mean lateness of the answers released so far (negative: early), in milliseconds.</summary>
    public double MeanLatenessMs => Interlocked.Read(ref _released) == 0 ? 0 : Interlocked.Read(ref _lateTicks) * 1000.0 / Stopwatch.Frequency / Interlocked.Read(ref _released);

    public void ResetStatistics()
    {
        Interlocked.Exchange(ref _released, 0);
        Interlocked.Exchange(ref _lateTicks, 0);
    }

    private void Run()
    {
        while (!_stopped)
        {
            if (!_queue.TryPeek(out var head))
            {
                _arrived.WaitOne(50);
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            var remaining = head.Due - now;
            if (remaining > Tolerance)
            {
                // Whole milliseconds (the finest Thread.Sleep takes), at least one: late by under a millisecond, never spinning.
                Thread.Sleep((int)Math.Max(1, remaining * 1000 / Stopwatch.Frequency));
                continue;
            }

            while (_queue.TryPeek(out var due) && due.Due - now <= Tolerance && _queue.TryDequeue(out due))
            {
                Interlocked.Increment(ref _released);
                Interlocked.Add(ref _lateTicks, now - due.Due);
                due.Done.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _arrived.Set();
        _thread.Join(TimeSpan.FromSeconds(1));
        while (_queue.TryDequeue(out var pending))
        {
            pending.Done.TrySetResult();
        }

        _arrived.Dispose();
    }
}
