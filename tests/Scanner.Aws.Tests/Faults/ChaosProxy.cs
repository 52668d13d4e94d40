using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Scanner.Aws.Tests.Infrastructure;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// A fault-injecting proxy in front of moto that knows what it carries: every request is named by service, operation,
/// region and account (from the SigV4 credential scope and the keys STS handed out), so a test can fail "every fifth
/// IAM call" or "every Lambda call of one account in us-east-1" and count what it did. Unlike
/// <see cref="FaultInjectingProxy"/> it speaks HTTP/1.1 on a raw socket, so a fault can really drop a connection
/// (HttpListener's Abort answers 200 with an empty body on Linux); it serves connections concurrently (the scanner runs
/// many calls at once), can rewrite a request or moto's answer, and keeps every credential STS issued through it, so
/// that a test can look for them in the scanner's output.
/// </summary>
public sealed partial class ChaosProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _upstreamEndpoint;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<(string Service, string Operation), int> _perOperation = new();
    private readonly ConcurrentQueue<ProxiedCall> _calls = new();
    private readonly ConcurrentDictionary<string, IssuedCredentials> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _connections = [];
    private int _sequence;

    public ChaosProxy(string upstreamEndpoint)
    {
        _upstreamEndpoint = upstreamEndpoint.TrimEnd('/');
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The account moto gives the access key "testing": the management account, where the scanner runs.</summary>
    public const string ManagementAccountId = MotoFixture.ManagementAccountId;

    public string Endpoint { get; }

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

    /// <summary>Forgets the calls seen and the per-operation counts (not the credentials issued).</summary>
    public void ClearCalls()
    {
        _calls.Clear();
        _perOperation.Clear();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(Task.Run(() => ServeConnectionAsync(client)));
        }
    }

    /// <summary>HTTP/1.1 on one connection, request after request, until the client closes it or a fault drops it.</summary>
    private async Task ServeConnectionAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reading = new BufferedStream(stream);
                while (!_stopping.IsCancellationRequested && await HttpWire.ReadRequestAsync(reading, _stopping.Token) is { } request)
                {
                    if (!await HandleAsync(stream, request))
                    {
                        // Dropped: close at once, with a reset, without a byte of answer.
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
            {
                // The client went away, or moto did: the connection ends, which is what the client would see anyway.
            }
        }
    }

    /// <returns>False when the connection is to be dropped.</returns>
    private async Task<bool> HandleAsync(NetworkStream stream, HttpWire.Request wire)
    {
        var request = wire.Recorded;
        var (service, region, accessKey) = Scope(request.Header("Authorization"));
        var operation = OperationOf(service, request);
        var nth = _perOperation.AddOrUpdate((service, operation), 1, (_, n) => n + 1);
        var call = new ProxiedCall(Interlocked.Increment(ref _sequence), service, operation, region, accessKey, AccountOf(accessKey), nth, request);

        var fault = Fault(call);
        if (fault is { Drop: true, AfterForwarding: false })
        {
            Record(call, CallOutcome.Dropped);
            return false;
        }

        if (fault?.Response is { } canned)
        {
            Record(call, CallOutcome.Answered);
            await HttpWire.WriteResponseAsync(stream, new ProxiedResponse(canned.Status, canned.ContentType, Encoding.UTF8.GetBytes(canned.Body),
                canned.Headers ?? new Dictionary<string, string>()), _stopping.Token);
            return true;
        }

        var forwardedBody = RewriteRequest(call);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await ForwardAsync(wire, forwardedBody is null ? wire.Body : Encoding.UTF8.GetBytes(forwardedBody));
        call = call with { UpstreamTime = System.Diagnostics.Stopwatch.GetElapsedTime(started) };
        if (call is { Service: "sts", Operation: "AssumeRole" } && response.Status == 200)
        {
            Remember(request, response);
        }

        if (fault is { Drop: true })
        {
            Record(call, CallOutcome.DroppedAfterForwarding);
            return false;
        }

        var rewritten = RewriteResponse(call, response);
        Record(call, rewritten is null && forwardedBody is null ? CallOutcome.Forwarded : CallOutcome.Rewritten);
        await HttpWire.WriteResponseAsync(stream, rewritten ?? response, _stopping.Token);
        return true;
    }

    private void Record(ProxiedCall call, CallOutcome outcome) => _calls.Enqueue(call with { Outcome = outcome });

    private async Task<ProxiedResponse> ForwardAsync(HttpWire.Request wire, byte[] body)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(wire.Recorded.Method), _upstreamEndpoint + wire.Target);
        forward.Content = new ByteArrayContent(body);
        foreach (var (name, value) in wire.Recorded.Headers)
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

        using var response = await _upstream.SendAsync(forward, _stopping.Token);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (!HopByHop.Contains(name))
            {
                headers[name] = string.Join(",", values);
            }
        }

        return new ProxiedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            await response.Content.ReadAsByteArrayAsync(_stopping.Token), headers);
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

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
            Task.WaitAll([.. _connections], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop and the connections end with the listener.
        }

        _listener.Dispose();
        _upstream.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>One request as the proxy saw it, named.</summary>
/// <param name="Sequence">1 for the first request the proxy saw.</param>
/// <param name="Service">The SigV4 signing name: iam, sts, ec2, organizations, cloudtrail, tagging, lambda, securityhub, config, guardduty.</param>
/// <param name="Operation">The API operation (ListUsers, AssumeRole, DescribeInstances, GetFindings, …).</param>
/// <param name="Region">The region the request is signed for.</param>
/// <param name="AccessKeyId">The access key that signed it.</param>
/// <param name="AccountId">The account that key acts as, when it came from STS through this proxy (or is moto's default).</param>
/// <param name="NthOfOperation">1 for the first request of this service and operation, 2 for the next, … (retries count).</param>
/// <param name="Request">The request itself.</param>
public sealed record ProxiedCall(
    int Sequence, string Service, string Operation, string Region, string? AccessKeyId, string? AccountId, int NthOfOperation, RecordedRequest Request)
{
    public CallOutcome Outcome { get; init; } = CallOutcome.Forwarded;

    /// <summary>When the proxy received the request.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How long moto took to answer, when the request reached it.</summary>
    public TimeSpan UpstreamTime { get; init; }
}

public enum CallOutcome
{
    Forwarded,
    Answered,
    Dropped,
    DroppedAfterForwarding,
    Rewritten,
}

/// <summary>What happens to a request instead of (or after) moto answering it.</summary>
public sealed record ProxyFault
{
    public CannedResponse? Response { get; init; }

    public bool Drop { get; init; }

    /// <summary>With <see cref="Drop"/>: moto handles the request, and the client never hears the answer.</summary>
    public bool AfterForwarding { get; init; }

    public static ProxyFault Answer(CannedResponse response) => new() { Response = response };

    public static ProxyFault DropConnection(bool afterForwarding = false) => new() { Drop = true, AfterForwarding = afterForwarding };
}

/// <summary>An answer, as moto gave it or as the proxy rewrote it.</summary>
public sealed record ProxiedResponse(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public ProxiedResponse WithText(string text) => this with { Body = Encoding.UTF8.GetBytes(text) };
}

/// <summary>Credentials STS AssumeRole issued for a role in an account.</summary>
public sealed record IssuedCredentials(string AccountId, string RoleArn, string AccessKeyId, string SecretAccessKey, string SessionToken);
