using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// Forwards every request to moto unchanged (concurrently) and keeps the secret access key and session token of each
/// AssumeRole answer that passes through: the exact credentials the code under test was handed, so a test can check
/// that none of them reaches a log. It also keeps every call's service and signing key id (<see cref="Calls"/>), so a
/// test can count what one identity asked of one service. (moto's own model dump, /moto-api/data.json, fails with a 500 once the demo is
/// seeded, so it cannot be the source.)
/// </summary>
public sealed class CredentialRecordingProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly string _upstreamEndpoint;
    private readonly ConcurrentBag<string> _secrets = [];
    private readonly ConcurrentQueue<SignedCall> _calls = new();
    private readonly Task _loop;

    public CredentialRecordingProxy(string upstreamEndpoint)
    {
        _upstreamEndpoint = upstreamEndpoint.TrimEnd('/');
        Endpoint = $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Every SecretAccessKey and SessionToken of every AssumeRole response forwarded so far.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => [.. _secrets];

    /// <summary>Every request forwarded so far, in arrival order: method, path, and the service and key id it was signed for.</summary>
    public IReadOnlyList<SignedCall> Calls => [.. _calls];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }

        _upstream.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            _calls.Enqueue(SignedCall.From(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"]));
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), _upstreamEndpoint + context.Request.Url!.PathAndQuery)
            {
                Content = new ByteArrayContent(body),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !HopByHop.Contains(n)))
            {
                var value = context.Request.Headers[name] ?? "";
                if (!forward.Headers.TryAddWithoutValidation(name, value))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _upstream.SendAsync(forward);
            var payload = await response.Content.ReadAsByteArrayAsync();
            if (Encoding.UTF8.GetString(body).Contains("Action=AssumeRole", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                Record(payload);
            }

            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            foreach (var (name, values) in response.Headers.Where(h => !HopByHop.Contains(h.Key)))
            {
                context.Response.Headers[name] = string.Join(",", values);
            }

            context.Response.ContentLength64 = payload.Length;
            await context.Response.OutputStream.WriteAsync(payload);
            context.Response.Close();
        }
#pragma warning disable CA1031 // Whatever went wrong, the client gets an answer instead of hanging.
        catch (Exception e)
#pragma warning restore CA1031
        {
            try
            {
                context.Response.StatusCode = 502;
                var message = Encoding.UTF8.GetBytes($"proxy: {e.GetType().Name}: {e.Message}");
                context.Response.ContentLength64 = message.Length;
                await context.Response.OutputStream.WriteAsync(message);
                context.Response.Close();
            }
            catch (Exception inner) when (inner is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private void Record(byte[] payload)
    {
        var credentials = XDocument.Parse(Encoding.UTF8.GetString(payload)).Descendants().Where(e => e.Name.LocalName == "Credentials");
        foreach (var element in credentials.SelectMany(c => c.Elements()))
        {
            if (element.Name.LocalName is "SecretAccessKey" or "SessionToken" && element.Value.Length > 0)
            {
                _secrets.Add(element.Value);
            }
        }
    }
}

/// <summary>One request as signed: SigV4's credential scope names the key id and the service (AKID/date/region/service/aws4_request).</summary>
public sealed record SignedCall(string Method, string Path, string? Service, string? AccessKeyId)
{
    public static SignedCall From(string method, string path, string? authorization)
    {
        const string Marker = "Credential=";
        var at = authorization?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (authorization is null || at < 0)
        {
            return new SignedCall(method, path, null, null);
        }

        var scope = authorization[(at + Marker.Length)..].Split(',')[0].Split('/');
        return new SignedCall(method, path, scope.Length > 3 ? scope[3] : null, scope[0]);
    }
}
