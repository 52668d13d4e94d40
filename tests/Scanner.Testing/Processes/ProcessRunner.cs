using Scanner.Emulator.Hosting;

namespace Scanner.Testing;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

public static class ProcessRunner
{
    /// <summary>Runs a tool to completion (see <see cref="LaunchedProcess"/>); one that does not finish within <paramref name="timeout"/> is stopped and fails.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        string installHint,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = LaunchedProcess.Start(fileName, arguments, installHint, environment, workingDirectory);
        var exitCode = await process.WaitForExitAsync(timeout);
        return new ProcessResult(exitCode, process.StandardOutput, process.StandardError);
    }
}
