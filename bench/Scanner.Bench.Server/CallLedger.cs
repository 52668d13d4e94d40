using System.Collections.Concurrent;
using System.Diagnostics;
using Scanner.Emulator.Wire;

namespace Scanner.Bench.Server;

/// <summary>
/// What the server was asked, counted on the server side: calls by operation, throttled answers, errors, calls in
/// flight, and every answered call by (account, operation, region, parameters), so that asking twice for the same
/// data shows up as a duplicate.
/// </summary>
public sealed class CallLedger
{
    private State _state = new();

    private sealed class State
    {
        public readonly ConcurrentDictionary<string, int> AnsweredByKey = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> ByOperation = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> ThrottledByOperation = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> ErrorsByOperation = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> ScannerAccountByOperation = new(StringComparer.Ordinal);
        public readonly ConcurrentQueue<double> ImportTimesMs = new();
        public readonly ConcurrentQueue<string> ImportedExamples = new();
        public readonly ConcurrentDictionary<string, long> ImportedByCheck = new(StringComparer.Ordinal);
        public readonly Stopwatch Clock = Stopwatch.StartNew();
        public readonly TimeSpan CpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        public long Requests;
        public long QuotaExceeded;
        public long FindingsImported;
        public int InFlight;
        public int PeakInFlight;
    }

    /// <summary>The account the scanner runs in (its own calls, and the calls made in it through the audit role, are counted apart).</summary>
    public string? ScannerAccountId { get; set; }

    public void Enter()
    {
        var state = _state;
        Interlocked.Increment(ref state.Requests);
        var now = Interlocked.Increment(ref state.InFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref state.PeakInFlight)) && Interlocked.CompareExchange(ref state.PeakInFlight, now, peak) != peak)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _state.InFlight);

    public void Record(AwsCall call, WireReply reply)
    {
        var state = _state;
        var operation = call.OperationLabel;
        if (call.Account.Id == ScannerAccountId)
        {
            state.ScannerAccountByOperation.AddOrUpdate(reply.IsThrottle ? operation + " (throttled)" : operation, 1, (_, n) => n + 1);
        }

        if (reply.IsThrottle)
        {
            state.ThrottledByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
            return;
        }

        state.ByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (reply.Status >= 300)
        {
            state.ErrorsByOperation.AddOrUpdate($"{operation} {reply.Status}", 1, (_, n) => n + 1);
        }

        state.AnsweredByKey.AddOrUpdate(call.LedgerKey, 1, (_, n) => n + 1);
        if (call.Operation == "BatchImportFindings" && reply.Status == 200)
        {
            state.ImportTimesMs.Enqueue(state.Clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>A request refused by a service quota (Security Hub's), as opposed to the random throttling of --throttle-percent.</summary>
    public void QuotaExceeded(AwsCall call) => Interlocked.Increment(ref _state.QuotaExceeded);

    public void Imported(IReadOnlyList<string> findingIds)
    {
        var state = _state;
        Interlocked.Add(ref state.FindingsImported, findingIds.Count);
        foreach (var id in findingIds.Take(Math.Max(0, 10 - state.ImportedExamples.Count)))
        {
            state.ImportedExamples.Enqueue(id);
        }

        // The scanner's finding ids begin with the check id ({check}/{account}/{region}/{resource}).
        foreach (var id in findingIds)
        {
            var slash = id.IndexOf('/', StringComparison.Ordinal);
            state.ImportedByCheck.AddOrUpdate(slash > 0 ? id[..slash] : id, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Starts counting afresh (between the phases of a benchmark).</summary>
    public void Reset() => _state = new State();

    public LedgerSnapshot Snapshot()
    {
        var state = _state;
        var duplicates = state.AnsweredByKey.Where(p => p.Value > 1).ToList();
        using var process = Process.GetCurrentProcess();
        return new LedgerSnapshot
        {
            Requests = Interlocked.Read(ref state.Requests),
            Answered = state.ByOperation.Values.Sum(),
            Throttled = state.ThrottledByOperation.Values.Sum(),
            QuotaExceeded = Interlocked.Read(ref state.QuotaExceeded),
            Duplicates = duplicates.Sum(p => (long)p.Value - 1),
            DuplicateExamples = [.. duplicates.Take(10).Select(p => $"{p.Key} x{p.Value}")],
            DistinctAccounts = state.AnsweredByKey.Keys.Select(k => k[..k.IndexOf('|', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count(),
            ByOperation = new SortedDictionary<string, long>(state.ByOperation, StringComparer.Ordinal),
            ThrottledByOperation = new SortedDictionary<string, long>(state.ThrottledByOperation, StringComparer.Ordinal),
            ErrorsByOperation = new SortedDictionary<string, long>(state.ErrorsByOperation, StringComparer.Ordinal),
            ScannerAccountByOperation = new SortedDictionary<string, long>(state.ScannerAccountByOperation, StringComparer.Ordinal),
            PeakInFlight = Volatile.Read(ref state.PeakInFlight),
            ElapsedMs = state.Clock.Elapsed.TotalMilliseconds,
            ServerCpuMs = (process.TotalProcessorTime - state.CpuAtStart).TotalMilliseconds,
            ServerWorkingSetBytes = process.WorkingSet64,
            FindingsImported = Interlocked.Read(ref state.FindingsImported),
            ImportTimesMs = [.. state.ImportTimesMs],
            ImportedExamples = [.. state.ImportedExamples],
            ImportedByCheck = new SortedDictionary<string, long>(state.ImportedByCheck, StringComparer.Ordinal),
        };
    }
}

/// <summary>The ledger's counts since the last reset (served as JSON on GET /_bench/stats).</summary>
public sealed record LedgerSnapshot
{
    public long Requests { get; init; }

    /// <summary>Calls answered with data or a definitive error; throttled answers are not counted here.</summary>
    public long Answered { get; init; }
    public long Throttled { get; init; }
    public long QuotaExceeded { get; init; }

    /// <summary>Answered calls that asked again for data already answered (same account, operation, region and parameters).</summary>
    public long Duplicates { get; init; }
    public List<string> DuplicateExamples { get; init; } = [];
    public int DistinctAccounts { get; init; }
    public SortedDictionary<string, long> ByOperation { get; init; } = [];
    public SortedDictionary<string, long> ThrottledByOperation { get; init; } = [];
    public SortedDictionary<string, long> ErrorsByOperation { get; init; } = [];

    /// <summary>Calls made in the scanner's own account, by operation; throttled ones under "Op (throttled)".</summary>
    public SortedDictionary<string, long> ScannerAccountByOperation { get; init; } = [];
    public int PeakInFlight { get; init; }
    public double ElapsedMs { get; init; }
    public double ServerCpuMs { get; init; }
    public long ServerWorkingSetBytes { get; init; }
    public long FindingsImported { get; init; }

    /// <summary>How late the server released answers against the latency asked for, on average since the reset (ms).</summary>
    public double MeanLatenessMs { get; init; }

    /// <summary>When each accepted BatchImportFindings arrived, in ms since the reset.</summary>
    public List<double> ImportTimesMs { get; init; } = [];

    /// <summary>The ids of the first findings imported since the reset (up to about ten).</summary>
    public List<string> ImportedExamples { get; init; } = [];

    /// <summary>Findings imported since the reset, by the check that reported them (the first part of the finding id).</summary>
    public SortedDictionary<string, long> ImportedByCheck { get; init; } = [];
}
