using System.Net;
using System.Text;

namespace Scanner.Aws.Tests.Infrastructure;

/// <summary>
/// Sits between a client and moto: answers a request itself when <c>fault</c> returns a response for it, and
/// forwards everything else unchanged. moto grants every AssumeRole; this is how a test meets a refusal that
/// carries the real service's error body.
/// </summary>
public sealed class FaultInjectingProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly string _upstreamEndpoint;
    private readonly Func<RecordedRequest, CannedResponse?> _fault;
    private readonly Task _loop;

    public FaultInjectingProxy(string upstreamEndpoint, Func<RecordedRequest, CannedResponse?> fault)
    {
        _upstreamEndpoint = upstreamEndpoint.TrimEnd('/');
        _fault = fault;
        Endpoint = $"http://127.0.0.1:{LocalPort.Free()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public int Injected { get; private set; }

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

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A fault function that throws must not stop the proxy: every later request would hang until the SDK gave up.
                try
                {
                    context.Response.StatusCode = 500;
                    var message = Encoding.UTF8.GetBytes("FaultInjectingProxy: " + e.Message);
                    await context.Response.OutputStream.WriteAsync(message);
                    context.Response.Close();
                }
                catch (Exception inner) when (inner is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                }
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.AllKeys.OfType<string>()
            .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
            context.Request.Url.Query.TrimStart('?'), headers, Encoding.UTF8.GetString(body));

        int status;
        string? contentType;
        byte[] payload;
        var extraHeaders = new Dictionary<string, string>();
        if (_fault(recorded) is { } canned)
        {
            Injected++;
            (status, contentType, payload) = (canned.Status, canned.ContentType, Encoding.UTF8.GetBytes(canned.Body));
            foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>())
            {
                extraHeaders[name] = value;
            }
        }
        else
        {
            using var forward = new HttpRequestMessage(new HttpMethod(recorded.Method), _upstreamEndpoint + context.Request.Url.PathAndQuery);
            forward.Content = new ByteArrayContent(body);
            foreach (var (name, value) in headers)
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

            using var response = await _upstream.SendAsync(forward);
            status = (int)response.StatusCode;
            contentType = response.Content.Headers.ContentType?.ToString();
            payload = await response.Content.ReadAsByteArrayAsync();
            foreach (var (name, values) in response.Headers)
            {
                if (!HopByHop.Contains(name))
                {
                    extraHeaders[name] = string.Join(",", values);
                }
            }
        }

        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        foreach (var (name, value) in extraHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentLength64 = payload.Length;
        await context.Response.OutputStream.WriteAsync(payload);
        context.Response.Close();
    }

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
}
