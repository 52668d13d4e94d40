using System.Diagnostics;
using Scanner.Emulator.Hosting;

namespace Scanner.Functions.Tests.Native;

/// <summary>
/// A started bootstrap (<see cref="LaunchedProcess"/>) with only the environment Lambda would give it, pointed at a fake
/// Runtime API. Records how long it took from process start to its first GET invocation/next: the cold start Lambda
/// would bill as init, minus the download and unpacking of the package.
/// </summary>
internal sealed class NativeProcess : IDisposable
{
    private readonly LaunchedProcess _process;
    private readonly Task<TimeSpan> _startup;

    private NativeProcess(LaunchedProcess process, Task<TimeSpan> startup)
    {
        _process = process;
        _startup = startup;
    }

    public string Output => _process.Output;

    /// <summary>Starts <paramref name="path"/> with only the environment Lambda would give it, plus <paramref name="environment"/>.</summary>
    public static NativeProcess Start(string path, FakeRuntimeApi api, IReadOnlyDictionary<string, string> environment) =>
        Start(new ProcessStartInfo(path), path, api, environment);

    /// <summary>Starts the bootstrap at <paramref name="path"/> as <paramref name="launch"/> says (directly, or under an emulator).</summary>
    public static NativeProcess Start(ProcessStartInfo launch, string path, FakeRuntimeApi api, IReadOnlyDictionary<string, string> environment)
    {
        File.Exists(path).Should().BeTrue("the make target must have produced it (see the build tests)");
        var lambda = new Dictionary<string, string?>(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
        };

        // The first invocation/next is stamped as it arrives (continuations of FirstNextRequested run on the pool).
        var started = Stopwatch.GetTimestamp();
        var startup = api.FirstNextRequested.ContinueWith(_ => Stopwatch.GetElapsedTime(started), TaskScheduler.Default);
        return new NativeProcess(LaunchedProcess.Start(launch, "make (see the build tests)", lambda, cleanEnvironment: true), startup);
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

    /// <summary>The output once it contains <paramref name="text"/>, or as it is when <paramref name="timeout"/> runs out.</summary>
    public Task<string> WaitForOutputAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout);

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public void Stop() => _process.Stop();

    public void Dispose() => _process.Dispose();
}
