using System.Diagnostics;
using System.Globalization;
using System.Net;
using Scanner.Emulator.Hosting;

namespace Scanner.Demo;

/// <summary>
/// A moto server (the AWS emulator) in a child process on a free loopback port, for the demo and the tests.
/// Its output is kept, not echoed, and quoted when it fails to start. Disposing kills the process tree.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one readiness probe may take while the server starts.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long any other request may take. A reset drops every account's and Region's backends: after a scan of the
    /// demo organization that takes moto ten seconds or more.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private const int MaxOutputChars = 64 * 1024;

    private const string InstallHint = MotoNotInstalledException.InstallCommand;

    private readonly LaunchedProcess _process;
    private readonly HttpClient _http;
    private int _disposed;

    private MotoServer(LaunchedProcess process, HttpClient http, int port)
    {
        _process = process;
        _http = http;
        Port = port;
        Endpoint = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The server's URL, e.g. http://127.0.0.1:49152; give it to clients as their endpoint.</summary>
    public string Endpoint { get; }

    public int Port { get; }

    /// <summary>What the server printed so far (bounded), for diagnosing a failure.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts moto and waits until it answers. Throws <see cref="MotoNotInstalledException"/> when python3 or moto
    /// is missing, and <see cref="InvalidOperationException"/> (with moto's output) when it starts but never answers.
    /// </summary>
    public static Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
        => StartAsync("python3", "moto.server", cancellationToken);

    /// <summary>Tests start a missing interpreter or module through this to see the failure a user would.</summary>
    internal static async Task<MotoServer> StartAsync(string python, string module, CancellationToken cancellationToken)
    {
        // Another process can take the port between our probe and moto's bind; try a few ports before giving up.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(python, module, LoopbackPort.Free());
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (PortInUseException) when (attempt < attempts)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Forgets every resource in every account and region (POST /moto-api/reset).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri(Endpoint + "/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _process.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private static MotoServer Launch(string python, string module, int port)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardInput = false, CreateNoWindow = true };
        foreach (var argument in new[] { "-m", module, "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = LaunchedProcess.Start(start, InstallHint, maxOutputChars: MaxOutputChars);
            return new MotoServer(process, new HttpClient { Timeout = RequestTimeout }, port);
        }
        catch (ProgramNotInstalledException e)
        {
            throw new MotoNotInstalledException($"{python} could not be started ({e.InnerException?.Message}).", e);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var probe = new Uri(Endpoint + "/moto-api/");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                // Let the output readers drain what the process printed before it died.
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                throw StartFailure();
            }

            try
            {
                using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probeTimeout.CancelAfter(ProbeTimeout);
                using var response = await _http.GetAsync(probe, probeTimeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; the server is still starting.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"moto did not answer on {Endpoint} within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private Exception StartFailure()
    {
        var output = Output;
        if (output.Contains("No module named", StringComparison.Ordinal))
        {
            // moto itself, or the server extra's dependencies (flask, werkzeug), is missing.
            return new MotoNotInstalledException($"moto's server is not installed for python3: {FirstLineWith(output, "No module named")}.");
        }

        if (output.Contains("Address already in use", StringComparison.Ordinal)
            || output.Contains("is in use by another program", StringComparison.Ordinal))
        {
            return new PortInUseException();
        }

        return new InvalidOperationException(
            $"moto exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before answering. Its output:{Environment.NewLine}{output}");
    }

    private static string FirstLineWith(string text, string fragment) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal))?.Trim() ?? fragment;

    private sealed class PortInUseException : Exception;
}
