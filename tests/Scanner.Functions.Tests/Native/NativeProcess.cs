using System.Diagnostics;
using System.Text;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Native;

/// <summary>
/// A started bootstrap, its output captured, stopped (by its own handle) when disposed. Records how long it took
/// from process start to its first GET invocation/next on the fake Runtime API: the cold start Lambda would bill
/// as init, minus the download and unpacking of the package.
/// </summary>
internal sealed class NativeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task<TimeSpan> _startup;

    private NativeProcess(Process process, Task<TimeSpan> startup)
    {
        _process = process;
        _startup = startup;
        _process.OutputDataReceived += Append;
        _process.ErrorDataReceived += Append;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="path"/> with only the environment Lambda would give it, plus <paramref name="environment"/>.</summary>
    public static NativeProcess Start(string path, FakeRuntimeApi api, IReadOnlyDictionary<string, string> environment)
    {
        File.Exists(path).Should().BeTrue("the make target must have produced it (see the build tests)");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The first invocation/next is stamped as it arrives (continuations of FirstNextRequested run on the pool).
        var started = Stopwatch.GetTimestamp();
        var startup = api.FirstNextRequested.ContinueWith(_ => Stopwatch.GetElapsedTime(started), TaskScheduler.Default);
        return new NativeProcess(Process.Start(start)!, startup);
    }

    /// <summary>Process start to the first invocation/next; fails with the process's output if it never gets there.</summary>
    public async Task<TimeSpan> StartupAsync(TimeSpan patience)
    {
        try
        {
            return await _startup.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The bootstrap did not ask for an invocation within {patience}. Exited: {_process.HasExited}. Output:\n{Output}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        }
    }
}
