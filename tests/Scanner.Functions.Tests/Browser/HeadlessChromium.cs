using System.Diagnostics;
using System.Text.Json;
using Scanner.Emulator.Hosting;

namespace Scanner.Functions.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, with a throwaway profile and the DevTools protocol on a port it picks itself
/// (--remote-debugging-port=0: the port is read from DevToolsActivePort in the profile). Network access is cut off
/// (an unreachable proxy for everything), so a page that tried to fetch anything would fail to, and show it.
/// Stopped, by its own process handle, when disposed.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string InstallHint = "bash .ci/install-prerequisites (or: apt-get install chromium)";
    private static readonly TimeSpan Patience = Scanner.Testing.Patience.Step;

    private readonly LaunchedProcess _process;
    private readonly string _profile;

    private HeadlessChromium(LaunchedProcess process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    public int Port { get; }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("org-scanner-chromium-").FullName;
        var process = LaunchedProcess.Start("chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", $"--user-data-dir={profile}",
            "--window-size=1280,900", "about:blank",
        ], InstallHint);

        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode} before opening DevTools. Is it installed properly? {InstallHint}\n{process.Output}");
            }

            if (File.Exists(portFile) && File.ReadAllLines(portFile) is [var port, ..] && int.TryParse(port, out var number))
            {
                return new HeadlessChromium(process, profile, number);
            }

            await Task.Delay(50);
        }

        await process.DisposeAsync();
        throw new TimeoutException($"chromium did not open DevTools within {Patience}.");
    }

    /// <summary>A DevTools session on the page chromium opened at start.</summary>
    public async Task<DevToolsSession> OpenPageAsync()
    {
        using var http = new HttpClient { Timeout = Patience };
        using var targets = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/json/list")));
        var page = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        using var cts = new CancellationTokenSource(Patience);
        return await DevToolsSession.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be flushing its profile: a leftover temporary folder harms nothing.
        }
    }
}
