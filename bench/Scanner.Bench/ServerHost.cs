using System.Diagnostics;
using System.Globalization;
using Scanner.Bench.Server;
using Scanner.Bench.Server.Handlers;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;

namespace Scanner.Bench;

/// <summary>
/// The bench server, by default in a child process (this executable with the `serve` verb) so that the scanner's
/// CPU time and memory are measured on their own; or in this process with --in-process-server.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly Process? _child;
    private readonly BenchServer? _inProcess;

    private ServerHost(string endpoint, Process? child, BenchServer? inProcess)
    {
        Endpoint = endpoint;
        _child = child;
        _inProcess = inProcess;
        Control = new BenchServerControl(endpoint);
    }

    public string Endpoint { get; }

    public BenchServerControl Control { get; }

    public bool IsChildProcess => _child is not null;

    public int? ChildProcessId => _child?.Id;

    public static async Task<ServerHost> StartAsync(BenchOptions options, SyntheticOrganization organization)
    {
        if (options.InProcessServer)
        {
            var server = await BenchServer.StartAsync(new BenchServerOptions
            {
                Organization = organization,
                LatencyMs = options.LatencyMs,
                AssumeRoleQuota = Quota(options.AssumeRolePerSecond),
                OrganizationsQuota = Quota(options.OrganizationsPerSecond),
            });
            return new ServerHost(server.Endpoint, null, server);
        }

        var start = SelfStart("serve",
            "--accounts", options.Accounts.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
            "--latency-ms", options.LatencyMs.ToString(CultureInfo.InvariantCulture),
            "--sts-rps", options.AssumeRolePerSecond.ToString(CultureInfo.InvariantCulture),
            "--organizations-rps", options.OrganizationsPerSecond.ToString(CultureInfo.InvariantCulture));
        start.RedirectStandardInput = true;

        // GC settings tried on the scanner (DOTNET_GCgen0size, DOTNET_gcServer) stay with the scanner.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_gc", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("The bench server process did not start.");
        var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        const string Prefix = "listening ";
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The bench server did not start: {line} {await child.StandardError.ReadToEndAsync()}");
        }

        return new ServerHost(line[Prefix.Length..].Trim(), child, null);
    }

    /// <summary>How to run this benchmark executable again with other arguments (the server and the batch probe).</summary>
    public static ProcessStartInfo SelfStart(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerHost).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>A quota of R requests a second with bursts of R (0: none).</summary>
    private static RequestQuota? Quota(int perSecond) => perSecond > 0 ? new RequestQuota(perSecond, perSecond) : null;

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }

        if (_child is not null)
        {
            try
            {
                // The server stops when its standard input closes.
                _child.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _child.Kill(entireProcessTree: true);
            }

            _child.Dispose();
        }
    }

    /// <summary>The `serve` verb: run the server until standard input closes.</summary>
    public static async Task<int> ServeAsync(IReadOnlyList<string> args)
    {
        int Value(string name, int fallback)
        {
            for (var i = 0; i + 1 < args.Count; i++)
            {
                if (args[i] == name)
                {
                    return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                }
            }

            return fallback;
        }

        var organization = OrganizationGenerator.Generate(Value("--accounts", 200), Value("--seed", 1));
        await using var server = await BenchServer.StartAsync(new BenchServerOptions
        {
            Organization = organization,
            LatencyMs = Value("--latency-ms", 0),
            Port = Value("--port", 0),
            AssumeRoleQuota = Quota(Value("--sts-rps", 0)),
            OrganizationsQuota = Quota(Value("--organizations-rps", 0)),
        });
        Console.WriteLine("listening " + server.Endpoint);
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
