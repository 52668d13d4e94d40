using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Scanner.Testing;

/// <summary>
/// The one proxy the tests put between the code under test and moto (or any endpoint). It knows what it carries:
/// every request is named by service, operation, region and account (from the SigV4 credential scope and the keys STS
/// handed out through it). Its behaviours are parts a test plugs in, each optional:
/// <list type="bullet">
/// <item><see cref="Fault"/>: answer a request itself (an AWS error from <see cref="AwsFaults"/>, or any canned answer), drop
/// the connection before or after moto handled it, or hold it for a while first (latency, on the proxy's clock);</item>
/// <item><see cref="RewriteRequest"/> and <see cref="RewriteResponse"/>: change what moto is sent or what the client hears;</item>
/// <item>recording, always on: <see cref="Calls"/> in arrival order with their outcome, and every credential STS issued
/// (<see cref="Issued"/>, <see cref="IssuedSecrets"/>), so a test can look for them in the code's output.</item>
/// </list>
/// It runs on the one loopback host (<see cref="LoopbackFake"/>) and serves requests concurrently, as the scanner sends them.
/// </summary>
public sealed partial class AwsProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive", "Date", "Server",
    };

    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly string _upstreamEndpoint;
    private readonly LoopbackFake _host;
    private readonly ConcurrentDictionary<(string Service, string Operation), int> _perOperation = new();
    private readonly ConcurrentQueue<ProxiedCall> _calls = new();
    private readonly ConcurrentDictionary<string, IssuedCredentials> _issued = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _sequence;

    /// <param name="time">The clock latency is measured on: a test's fake clock, so that no test waits on real time.</param>
    public AwsProxy(string upstreamEndpoint, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(upstreamEndpoint);
        _time = time ?? TimeProvider.System;
        _upstreamEndpoint = upstreamEndpoint.TrimEnd('/');
        _host = new LoopbackFake(nameof(AwsProxy), HandleAsync);
    }

    /// <summary>The account moto gives the access key "testing": the management account, where the scanner runs.</summary>
    public const string ManagementAccountId = MotoFixture.ManagementAccountId;

    public string Endpoint => _host.Endpoint;

    /// <summary>Decides, per request, whether it meets a fault; null lets it through. Set or replace at any time.</summary>
    public Func<ProxiedCall, ProxyFault?> Fault { get; set; } = _ => null;

    /// <summary>Rewrites moto's answer to a request that went through (null keeps it).</summary>
    public Func<ProxiedCall, ProxiedResponse, ProxiedResponse?> RewriteResponse { get; set; } = (_, _) => null;

    /// <summary>Rewrites a request's body before it is forwarded (null keeps it). moto does not check signatures.</summary>
    public Func<ProxiedCall, string?> RewriteRequest { get; set; } = _ => null;

    /// <summary>Every request seen, in the order they arrived.</summary>
    public IReadOnlyList<ProxiedCall> Calls => [.. _calls.OrderBy(c => c.Sequence)];

    /// <summary>Requests that met a fault (answered by the proxy, dropped, or rewritten).</summary>
    public IReadOnlyList<ProxiedCall> Faulted => [.. Calls.Where(c => c.Outcome != CallOutcome.Forwarded)];

    /// <summary>Every credential STS AssumeRole returned through this proxy.</summary>
    public IReadOnlyCollection<IssuedCredentials> Issued => [.. _issued.Values];

    /// <summary>The secret parts (secret access key, session token) of every credential issued through this proxy.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => [.. _issued.Values.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken })];

    /// <summary>Forgets the calls seen and the per-operation counts (not the credentials issued).</summary>
    public void ClearCalls()
    {
        _calls.Clear();
        _perOperation.Clear();
    }

    public void Dispose()
    {
        _host.Dispose();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (request, body, target) = await RecordedRequest.ReadAsync(context);
        var (service, region, accessKey) = Scope(request.Header("Authorization"));
        var operation = OperationOf(service, request);
        var nth = _perOperation.AddOrUpdate((service, operation), 1, (_, n) => n + 1);
        var call = new ProxiedCall(Interlocked.Increment(ref _sequence), service, operation, region, accessKey, AccountOf(accessKey), nth, request);

        var fault = Fault(call);
        if (fault is { Latency: var latency } && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, context.RequestAborted);
        }

        if (fault is { Drop: true, AfterForwarding: false })
        {
            Record(call, CallOutcome.Dropped);
            context.Abort();
            return;
        }

        if (fault?.Response is { } canned)
        {
            Record(call, CallOutcome.Answered);
            await canned.WriteAsync(context.Response);
            return;
        }

        var forwardedBody = RewriteRequest(call);
        var started = Stopwatch.GetTimestamp();
        ProxiedResponse response;
        try
        {
            response = await ForwardAsync(request, target, forwardedBody is null ? body : Encoding.UTF8.GetBytes(forwardedBody), context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // Nothing answers upstream: the client's connection ends, which is what it would see without the proxy.
            context.Abort();
            return;
        }

        call = call with { UpstreamTime = Stopwatch.GetElapsedTime(started) };
        if (call is { Service: "sts", Operation: "AssumeRole" } && response.Status == 200)
        {
            Remember(request, response);
        }

        if (fault is { Drop: true })
        {
            Record(call, CallOutcome.DroppedAfterForwarding);
            context.Abort();
            return;
        }

        var rewritten = RewriteResponse(call, response);
        Record(call, (rewritten, forwardedBody, fault) switch
        {
            (null, null, { Latency.Ticks: > 0 }) => CallOutcome.Delayed,
            (null, null, _) => CallOutcome.Forwarded,
            _ => CallOutcome.Rewritten,
        });
        await WriteAsync(context, rewritten ?? response);
    }

    private void Record(ProxiedCall call, CallOutcome outcome) => _calls.Enqueue(call with { Outcome = outcome });

    private async Task<ProxiedResponse> ForwardAsync(RecordedRequest request, string target, byte[] body, CancellationToken cancellationToken)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), _upstreamEndpoint + target);
        forward.Content = new ByteArrayContent(body);
        foreach (var (name, value) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _upstream.SendAsync(forward, cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (!HopByHop.Contains(name))
            {
                headers[name] = string.Join(",", values);
            }
        }

        return new ProxiedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsByteArrayAsync(cancellationToken), headers);
    }

    private static async Task WriteAsync(HttpContext context, ProxiedResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            if (!HopByHop.Contains(name) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = value;
            }
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Status is 204 or 304 || HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private void Remember(RecordedRequest request, ProxiedResponse response)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(response.Body));
        string Value(string name) => document.Descendants().First(e => e.Name.LocalName == name).Value;
        var roleArn = request.Form().FirstOrDefault(p => p.Key == "RoleArn").Value ?? "";
        var account = roleArn.Split(':') is { Length: >= 5 } parts ? parts[4] : "";
        var issued = new IssuedCredentials(account, roleArn, Value("AccessKeyId"), Value("SecretAccessKey"), Value("SessionToken"));
        _issued[issued.AccessKeyId] = issued;
    }

    private string? AccountOf(string? accessKey) => accessKey switch
    {
        null => null,
        "testing" => ManagementAccountId,
        _ => _issued.TryGetValue(accessKey, out var issued) ? issued.AccountId : null,
    };

    /// <summary>Service, region and access key from "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/iam/aws4_request, …".</summary>
    private static (string Service, string Region, string? AccessKey) Scope(string? authorization)
    {
        var match = authorization is null ? null : CredentialScope().Match(authorization);
        return match is { Success: true }
            ? (match.Groups["service"].Value, match.Groups["region"].Value, match.Groups["key"].Value)
            : ("unsigned", "", null);
    }

    private static string OperationOf(string service, RecordedRequest request)
    {
        if (request.Header("X-Amz-Target") is { Length: > 0 } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        if (request.Body.Contains("Action=", StringComparison.Ordinal))
        {
            return request.Form().FirstOrDefault(p => p.Key == "Action").Value ?? "";
        }

        return (service, request.Method, request.Path) switch
        {
            ("securityhub", "POST", "/findings/import") => "BatchImportFindings",
            ("securityhub", "POST", "/findings") => "GetFindings",
            ("securityhub", "GET", "/accounts") => "DescribeHub",
            ("securityhub", "POST", "/accounts") => "EnableSecurityHub",
            ("lambda", "GET", var path) when path.TrimEnd('/').EndsWith("/functions", StringComparison.Ordinal) => "ListFunctions",
            ("guardduty", "GET", var path) when path.TrimEnd('/') == "/detector" => "ListDetectors",
            ("guardduty", "GET", var path) when path.StartsWith("/detector/", StringComparison.Ordinal) => "GetDetector",
            (_, var method, var path) => $"{method} {path}",
        };
    }

    [GeneratedRegex(@"Credential=(?<key>[^/]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();
}
