using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scanner.Bench.Server.Handlers;
using Scanner.Bench.Server.Model;
using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server;

/// <summary>How the bench server behaves; latency, throttling and quotas can be changed while it runs.</summary>
public sealed record BenchServerOptions
{
    public required SyntheticOrganization Organization { get; init; }

    /// <summary>Every AWS answer is held back this long, imitating a round trip to AWS.</summary>
    public int LatencyMs { get; init; }

    /// <summary>This share of AWS calls (0–100) is answered with the service's own throttling error.</summary>
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
/// gives the scanner. Calls are routed by X-Amz-Target (awsJson), by the form's Action and the signing service
/// (awsQuery, ec2) or by path (restJson); the caller's account comes from the access key id in the SigV4 credential
/// scope. Control endpoints under /_bench/ report and reset the call ledger and change latency and throttling.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions StatsJson = new() { WriteIndented = false };

    private readonly WebApplication _app;
    private readonly SyntheticOrganization _organization;
    private readonly StsHandler _sts;
    private readonly IamHandler _iam = new();
    private readonly Ec2Handler _ec2 = new();
    private readonly OrganizationsHandler _organizations;
    private readonly LambdaHandler _lambda = new();
    private readonly TaggingHandler _tagging = new();
    private readonly CloudTrailHandler _cloudTrail;
    private readonly SecurityHubHandler _securityHub;
    private readonly SqsHandler _sqs = new(TimeProvider.System);
    private readonly RequestQuotas _requestQuotas;
    private volatile int _latencyMs;
    private double _throttlePercent;
    private volatile bool _quotas;
    private volatile bool _oneAtATime;
    private readonly SemaphoreSlim _serializer = new(1, 1);
    private readonly PreciseDelay _delay = new();

    private BenchServer(WebApplication app, BenchServerOptions options)
    {
        _app = app;
        _organization = options.Organization;
        _latencyMs = options.LatencyMs;
        _throttlePercent = options.ThrottlePercent;
        _quotas = options.EnforceSecurityHubQuotas;
        _sts = new StsHandler(_organization, TimeProvider.System);
        _organizations = new OrganizationsHandler(_organization);
        _cloudTrail = new CloudTrailHandler(_organization);
        _securityHub = new SecurityHubHandler(Ledger);
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
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var server = new BenchServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        server.Endpoint = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
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
            var body = await ReadBodyAsync(context.Request);
            var (call, error) = Parse(context.Request, path, body);
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
                    reply = throttle > 0 && Random.Shared.NextDouble() * 100 < throttle ? Envelopes.Throttle(call) : Dispatch(call);
                }

                Ledger.Record(call, reply);
            }

            var latency = _latencyMs;
            if (latency > 0)
            {
                await _delay.DelayAsync(latency);
            }

            var response = context.Response;
            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            response.Headers["x-amzn-RequestId"] = WireText.RequestId();
            if (reply.ErrorType is not null)
            {
                response.Headers["x-amzn-ErrorType"] = reply.ErrorType;
            }

            response.ContentLength = reply.Body.Length;
            await response.Body.WriteAsync(reply.Body, context.RequestAborted);
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

    private WireReply Dispatch(AwsCall call) => call.Service switch
    {
        "STS" => _sts.Handle(call),
        "IAM" => _iam.Handle(call),
        "EC2" => _ec2.Handle(call),
        "Organizations" => _organizations.Handle(call),
        "Lambda" => _lambda.Handle(call),
        "Tagging" => _tagging.Handle(call),
        "CloudTrail" => _cloudTrail.Handle(call),
        "SecurityHub" => _securityHub.Handle(call),
        "SQS" => _sqs.Handle(call),
        _ => Envelopes.RestJsonError(400, "UnknownServiceException", $"The bench server does not serve {call.Service}."),
    };

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0)
        {
            return [];
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length and < 1 << 24 ? (int)length : 1024);
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static readonly Dictionary<string, string> JsonServices = new(StringComparer.Ordinal)
    {
        ["AWSOrganizationsV20161128"] = "Organizations",
        ["ResourceGroupsTaggingAPI_20170126"] = "Tagging",
        ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"] = "CloudTrail",
        ["AmazonSQS"] = "SQS",
    };

    /// <summary>Who is calling what: the protocol is told by X-Amz-Target, a restJson path, or a form with an Action.</summary>
    private (AwsCall? Call, WireReply? Error) Parse(HttpRequest request, string path, byte[] body)
    {
        var (accessKeyId, region, signingService) = AwsCall.CredentialScope(request.Headers.Authorization);
        var encoded = AwsCall.AccountOfAccessKey(accessKeyId);
        var account = encoded is null ? _organization.Management : _organization.Find(encoded);
        if (account is null)
        {
            return (null, Envelopes.RestJsonError(403, "InvalidClientTokenId", "The security token included in the request is invalid."));
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.LastIndexOf('.');
            var service = dot < 0 ? null : JsonServices.GetValueOrDefault(target[..dot]);
            if (service is null)
            {
                return (null, Envelopes.JsonError(400, "UnknownOperationException", $"Unknown target {target}"));
            }

            var json = ParseJson(body);
            return (new AwsCall
            {
                Account = account, AccessKeyId = accessKeyId, Region = region, SigningService = signingService,
                Protocol = WireProtocolKind.Json, Service = service, Operation = target[(dot + 1)..], Json = json,
                CanonicalParameters = WireText.Canonical(json),
            }, null);
        }

        if (path.StartsWith("/2015-03-31/functions", StringComparison.Ordinal))
        {
            var query = QueryParameters(request);
            return (new AwsCall
            {
                Account = account, AccessKeyId = accessKeyId, Region = region, SigningService = signingService,
                Protocol = WireProtocolKind.RestJson, Service = "Lambda",
                Operation = request.Method == "GET" && path.TrimEnd('/') == "/2015-03-31/functions" ? "ListFunctions" : request.Method + " " + path,
                Parameters = query, CanonicalParameters = AwsCall.CanonicalForm(query),
            }, null);
        }

        if (path is "/findings" or "/findings/import" or "/accounts")
        {
            var json = ParseJson(body);
            var operation = (request.Method, path) switch
            {
                ("POST", "/findings/import") => "BatchImportFindings",
                ("POST", "/findings") => "GetFindings",
                ("POST", "/accounts") => "EnableSecurityHub",
                ("GET", "/accounts") => "DescribeHub",
                _ => request.Method + " " + path,
            };
            return (new AwsCall
            {
                Account = account, AccessKeyId = accessKeyId, Region = region, SigningService = signingService,
                Protocol = WireProtocolKind.RestJson, Service = "SecurityHub", Operation = operation, Json = json,
                CanonicalParameters = WireText.Canonical(json),
            }, null);
        }

        var form = request.Method == "GET" ? QueryParameters(request) : AwsCall.ParseForm(Encoding.UTF8.GetString(body));
        var action = form.GetValueOrDefault("Action");
        var (queryService, protocol) = (signingService, form.GetValueOrDefault("Version")) switch
        {
            ("iam", _) or (_, "2010-05-08") => ("IAM", WireProtocolKind.Query),
            ("sts", _) or (_, "2011-06-15") => ("STS", WireProtocolKind.Query),
            ("ec2", _) or (_, "2016-11-15") => ("EC2", WireProtocolKind.Ec2),
            _ => ((string?)null, WireProtocolKind.Query),
        };
        if (action is null || queryService is null)
        {
            return (null, Envelopes.RestJsonError(400, "UnknownOperationException", $"No operation matches {request.Method} {path}."));
        }

        return (new AwsCall
        {
            Account = account, AccessKeyId = accessKeyId, Region = region, SigningService = signingService,
            Protocol = protocol, Service = queryService, Operation = action, Parameters = form,
            CanonicalParameters = AwsCall.CanonicalForm(form),
        }, null);
    }

    private static JsonElement ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static Dictionary<string, string> QueryParameters(HttpRequest request)
        => request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

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
                await response.WriteAsync(JsonSerializer.Serialize(_securityHub.ActiveFindingIds(), StatsJson));
                return;
            case "/_bench/reset":
                Ledger.Reset();
                _delay.ResetStatistics();
                if (request.Query["findings"] == "true")
                {
                    _securityHub.Clear();
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
