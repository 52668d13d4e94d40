using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Scanner.Bench.Deployed;

/// <summary>What one invocation came to: the handler's answer or its error, and the duration Lambda would bill.</summary>
internal sealed record InvocationOutcome(byte[]? Response, string? Error, double DurationMs, bool TimedOut);

/// <summary>
/// One Lambda execution environment of the account scanner: a process of its own (this executable's `lambda-env`
/// verb), so that what Lambda keeps per environment (the SDK clients, the Security Hub rate limiter shared by the
/// process) is kept per environment here too. It builds the handler once (init, timed), then runs one invocation at a
/// time, read as a line from its standard input and answered as a line on its standard output; the function's JSON
/// log goes to standard error, where its warnings and errors are counted.
/// </summary>
internal sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _logReader;

    private ExecutionEnvironment(Process process, double initMs, LogTally tally)
    {
        _process = process;
        InitMs = initMs;
        _logReader = ReadLogAsync(process.StandardError, tally);
    }

    /// <summary>The init phase: process start to handler built (Lambda bills it).</summary>
    public double InitMs { get; }

    public bool Broken { get; private set; }

    public static async Task<ExecutionEnvironment> StartAsync(IReadOnlyDictionary<string, string> variables, LogTally tally)
    {
        var start = ServerHost.SelfStart("lambda-env");
        start.RedirectStandardInput = true;
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("An execution environment did not start.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (ready != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The execution environment failed its init: {ready} {await process.StandardError.ReadToEndAsync()}");
        }

        return new ExecutionEnvironment(process, clock.Elapsed.TotalMilliseconds, tally);
    }

    /// <summary>
    /// One invocation. Past the timeout Lambda stops the environment whatever the handler is doing: so does this, and
    /// the environment is not used again.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(byte[] payload, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        await _process.StandardInput.WriteLineAsync(
            timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " " + Convert.ToBase64String(payload));
        await _process.StandardInput.FlushAsync();
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout + TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            Broken = true;
            _process.Kill(entireProcessTree: true);
            return new InvocationOutcome(null, "Task timed out", timeout.TotalMilliseconds, TimedOut: true);
        }

        var parts = line?.Split(' ', 3) ?? [];
        if (parts.Length != 3)
        {
            Broken = true;
            return new InvocationOutcome(null, "The execution environment exited: " + line, clock.Elapsed.TotalMilliseconds, TimedOut: false);
        }

        var duration = double.Parse(parts[1], CultureInfo.InvariantCulture);
        var body = Convert.FromBase64String(parts[2]);
        return parts[0] == "ok"
            ? new InvocationOutcome(body, null, duration, TimedOut: false)
            : new InvocationOutcome(null, System.Text.Encoding.UTF8.GetString(body), duration, TimedOut: false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _logReader;
        _process.Dispose();
    }

    private static async Task ReadLogAsync(StreamReader log, LogTally tally)
    {
        while (await log.ReadLineAsync() is { } line)
        {
            tally.Add(line);
        }
    }

    /// <summary>The `lambda-env` verb: init, then invocations from standard input until it closes.</summary>
    public static async Task<int> RunChildAsync()
    {
        using var log = Console.OpenStandardError();
        var handler = await DeployedFunctions.AccountScannerAsync(Environment.GetEnvironmentVariables(), log);
        Console.WriteLine("ready");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var timeout = TimeSpan.FromMilliseconds(double.Parse(line[..space], CultureInfo.InvariantCulture));
            var payload = Convert.FromBase64String(line[(space + 1)..]);
            var clock = Stopwatch.StartNew();
            string answer;
            try
            {
                var response = await DeployedFunctions.InvokeAsync(handler, DeployedFunctions.ScannerArn, payload, timeout);
                answer = "ok " + Ms(clock) + " " + Convert.ToBase64String(response);
            }
#pragma warning disable CA1031 // Any handler failure is the invocation's error, as the Lambda host reports it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                answer = "error " + Ms(clock) + " " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(e.GetType().Name + ": " + e.Message));
            }

            Console.WriteLine(answer);
            await Console.Out.FlushAsync();
        }

        return 0;
    }

    private static string Ms(Stopwatch clock) => clock.Elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>The functions' warnings and errors, counted by message, from their JSON log lines.</summary>
internal sealed class LogTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var level = root.TryGetProperty("level", out var l) ? l.GetString() : null;
            if (level is "WARN" or "ERROR")
            {
                var key = level.ToLowerInvariant() + ": " + (root.TryGetProperty("message", out var m) ? m.GetString() : "?");
                lock (_gate)
                {
                    _counts[key] = _counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        catch (JsonException)
        {
            lock (_gate)
            {
                _counts["unparsed log line"] = _counts.GetValueOrDefault("unparsed log line") + 1;
            }
        }
    }

    public Dictionary<string, int> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _counts.Clear();
        }
    }
}
