using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Scanner.Emulator.Hosting;

/// <summary>
/// The one way the demo and the tests start a program (moto, a tool, a Native AOT bootstrap, a browser): output and
/// errors captured as they come (up to a limit, for a server that logs every request), a program that is not installed
/// failing with how to install it (<see cref="ProgramNotInstalledException"/>: tests are never skipped, a skipped check is
/// a check nobody runs), and the process tree stopped, by its own handle, when disposed.
/// </summary>
public sealed class LaunchedProcess : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _output = new();

    private readonly int _maxOutputChars;

    private LaunchedProcess(Process process, int maxOutputChars)
    {
        _process = process;
        _maxOutputChars = maxOutputChars;
        _process.OutputDataReceived += (_, e) => Append(e.Data, _stdout);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, _stderr);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Standard output and error, interleaved as they arrived.</summary>
    public string Output => Read(_output);

    public string StandardOutput => Read(_stdout);

    public string StandardError => Read(_stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected. <paramref name="environment"/> adds to (or, with a null
    /// value, removes from) the environment it inherits; with <paramref name="cleanEnvironment"/> it inherits nothing but PATH.
    /// Output past <paramref name="maxOutputChars"/> is not kept.
    /// </summary>
    public static LaunchedProcess Start(ProcessStartInfo start, string installHint, IReadOnlyDictionary<string, string?>? environment = null, bool cleanEnvironment = false,
        int maxOutputChars = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        if (cleanEnvironment)
        {
            start.Environment.Clear();
            start.Environment["PATH"] = "/usr/bin:/bin";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        try
        {
            return new LaunchedProcess(Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName}' did not start."), maxOutputChars);
        }
        catch (Win32Exception exception)
        {
            throw new ProgramNotInstalledException($"'{start.FileName}' could not be started ({exception.Message}). Install it: {installHint}", exception);
        }
    }

    public static LaunchedProcess Start(string fileName, IEnumerable<string> arguments, string installHint, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Start(start, installHint, environment);
    }

    /// <summary>The exit code; a process still running after <paramref name="timeout"/> is stopped, and the wait fails with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Stop();
            throw new TimeoutException($"'{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}' did not finish within {timeout}.\n{Output}");
        }

        _process.WaitForExit(); // flush the asynchronous readers
        return _process.ExitCode;
    }

    /// <summary>The output once it contains <paramref name="text"/>, or as it is when <paramref name="timeout"/> runs out.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal) && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
        }

        return Output;
    }

    /// <summary>Stops the process and everything it started.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length >= _maxOutputChars)
            {
                return;
            }

            stream.AppendLine(line);
            _output.AppendLine(line);
        }
    }

    private string Read(StringBuilder text)
    {
        lock (_output)
        {
            return text.ToString();
        }
    }
}
