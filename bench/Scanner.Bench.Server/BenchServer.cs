using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scanner.Bench.Server.Handlers;
using Scanner.Emulator.Handlers;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Bench.Server;

/// <summary>How the bench server behaves; latency, throttling and quotas can be changed while it runs.</summary>
public sealed record BenchServerOptions
{
    public required SyntheticOrganization Organization { get; init; }

    /// <summary>Every AWS answer is held back this long, imitating a round trip to AWS.</summary>
    public int LatencyMs { get; init; }

    /// <summary>This share of each operation's calls (0–100), its first call among them, is answered with the service's own throttling error.</summary>
    public double ThrottlePercent { get; init; }

    /// <summary>
    /// Enforce the request quotas (<see cref="RequestQuotas"/>): Security Hub's (BatchImportFindings 10/s burst 30,
    /// GetFindings 3/s burst 6), and STS's and Organizations' when set below.
    /// </summary>
    public bool EnforceSecurityHubQuotas { get; init; } = true;

    /// <summary>STS AssumeRole's quota per calling account and Region; null: none.</summary>
    public RequestQuota? AssumeRoleQuota { get; init; }

    /// <summary>Organizations' quota per calling account, all operations together; null: none.</summary>
    public RequestQuota? OrganizationsQuota { get; init; }

    /// <summary>0: any free port.</summary>
    public int Port { get; init; }
}

/// <summary>
/// A loopback AWS endpoint for a synthetic organization, on Kestrel: one URL for every service, as AWS_ENDPOINT_URL
/// gives the scanner. The emulator's wire layer and handlers (Scanner.Emulator: the same ones the demo's in-process
/// emulator runs) answer the calls; the bench adds latency, throttling, quotas, the call ledger and SQS. Control
/// endpoints under /_bench/ report and reset the call ledger and change latency and throttling.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions StatsJson = new() { WriteIndented = false };

    private WebApplication _app = null!;
    private readonly SyntheticOrganization _organization;
    private readonly ServiceHandlers _handlers;
    private readonly SqsHandler _sqs = new(TimeProvider.System);
    private readonly RequestQuotas _requestQuotas;
    private volatile int _latencyMs;
    private double _throttlePercent;
    private volatile bool _quotas;
    private volatile bool _oneAtATime;
    private readonly SemaphoreSlim _serializer = new(1, 1);
    private readonly PreciseDelay _delay = new();
    private readonly ThrottleSchedule _throttles = new();

    private BenchServer(BenchServerOptions options)
    {
        _organization = options.Organization;
        _latencyMs = options.LatencyMs;
        _throttlePercent = options.ThrottlePercent;
        _quotas = options.EnforceSecurityHubQuotas;
        _handlers = new ServiceHandlers(new OrganizationStore(_organization, TimeProvider.System), Ledger.Imported);
        _requestQuotas = new RequestQuotas(options.AssumeRoleQuota, options.OrganizationsQuota);
        Ledger.ScannerAccountId = _organization.Management.Id;
        Endpoint = "";
    }

    /// <summary>http://127.0.0.1:port: give it to the scanner as its endpoint URL.</summary>
    public string Endpoint { get; private set; }

    public SyntheticOrganization Organization => _organization;

    public CallLedger Ledger { get; } = new();

    /// <summary>How late answers were released against the latency asked for, on average (ms; negative: early).</summary>
    public double MeanLatenessMs => _delay.MeanLatenessMs;

    public int LatencyMs
    {
        get => _latencyMs;
        set => _latencyMs = Math.Max(0, value);
    }

    public double ThrottlePercent
    {
        get => Volatile.Read(ref _throttlePercent);
        set => Volatile.Write(ref _throttlePercent, Math.Clamp(value, 0, 100));
    }

    public bool EnforceSecurityHubQuotas
    {
        get => _quotas;
        set => _quotas = value;
    }

    /// <summary>
    /// Answer one call at a time, each in full (latency included) before the next: the sequential baseline, whatever the
    /// client's own concurrency.
    /// </summary>
    public bool OneCallAtATime
    {
        get => _oneAtATime;
        set => _oneAtATime = value;
    }

    public static async Task<BenchServer> StartAsync(BenchServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new BenchServer(options);
        (server._app, server.Endpoint) = await LoopbackHost.StartAsync(server.HandleAsync, options.Port, cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serializer.Dispose();
        _delay.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_bench/", StringComparison.Ordinal))
        {
            await ControlAsync(context, path);
            return;
        }

        var serialized = _oneAtATime;
        if (serialized)
        {
            await _serializer.WaitAsync(context.RequestAborted);
        }

        Ledger.Enter();
        try
        {
            var body = await AwsRequestReader.ReadBodyAsync(context.Request);
            var (call, error) = AwsRequestReader.Parse(context.Request, path, body, _handlers.Store.Current);
            WireReply reply;
            if (call is null)
            {
                reply = error!;
            }
            else
            {
                var throttle = ThrottlePercent;
                if (_quotas && !_requestQuotas.TryAdmit(call))
                {
                    Ledger.QuotaExceeded(call);
                    reply = Envelopes.Throttle(call);
                }
                else
                {
                    reply = _throttles.Throttles(call.OperationLabel, throttle) ? Envelopes.Throttle(call) : Dispatch(call);
                }

                Ledger.Record(call, reply);
            }

            var latency = _latencyMs;
            if (latency > 0)
            {
                await _delay.DelayAsync(latency);
            }

            await WireReply.WriteAsync(context.Response, reply, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout, cancellation): nothing to answer.
        }
        finally
        {
            Ledger.Exit();
            if (serialized)
            {
                _serializer.Release();
            }
        }
    }

    private WireReply Dispatch(AwsCall call) => call.Service == "SQS" ? _sqs.Handle(call) : _handlers.Handle(call);

    private async Task ControlAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var response = context.Response;
        switch (path)
        {
            case "/_bench/stats":
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(Ledger.Snapshot() with { MeanLatenessMs = MeanLatenessMs }, StatsJson));
                return;
            case "/_bench/queues":
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(_sqs.Counts(), StatsJson));
                return;
            case "/_bench/findings":
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(_handlers.ActiveFindingIds(), StatsJson));
                return;
            case "/_bench/reset":
                Ledger.Reset();
                _delay.ResetStatistics();
                if (request.Query["findings"] == "true")
                {
                    _handlers.ClearFindings();
                }

                await response.WriteAsync("reset");
                return;
            case "/_bench/config":
                if (int.TryParse(request.Query["latencyMs"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var latency))
                {
                    LatencyMs = latency;
                }

                if (double.TryParse(request.Query["throttlePercent"], NumberStyles.Float, CultureInfo.InvariantCulture, out var throttle))
                {
                    ThrottlePercent = throttle;
                }

                if (bool.TryParse(request.Query["quotas"], out var quotas))
                {
                    EnforceSecurityHubQuotas = quotas;
                }

                if (bool.TryParse(request.Query["oneCallAtATime"], out var serial))
                {
                    OneCallAtATime = serial;
                }

                await response.WriteAsync(FormattableString.Invariant(
                    $"latencyMs={LatencyMs} throttlePercent={ThrottlePercent} quotas={EnforceSecurityHubQuotas} oneCallAtATime={OneCallAtATime}"));
                return;
            default:
                await response.WriteAsync("ok");
                return;
        }
    }
}
