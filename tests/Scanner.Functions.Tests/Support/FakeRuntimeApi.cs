using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Scanner.Functions.Tests.Support;

/// <summary>What a runtime posted for one invocation (or for init).</summary>
public sealed record RecordedPost(string RequestId, string Kind, byte[] Body, string? ErrorTypeHeader)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>errorMessage of an error body (JSON-decoded: the runtime escapes quotes as \u0027).</summary>
    public string? ErrorMessage => ErrorField("errorMessage");

    public string? ErrorType => ErrorField("errorType");

    private string? ErrorField(string name)
    {
        using var document = System.Text.Json.JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}

/// <summary>
/// The Lambda Runtime API, in process, on a free loopback port: queues invocations for <c>invocation/next</c>
/// and records what comes back on the response, error and init/error endpoints. HttpListener, because the
/// ASP.NET test host is not available; it is enough for one runtime client at a time.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<(string RequestId, byte[] Payload, DateTimeOffset Deadline, string? TraceId)> _pending =
        Channel.CreateUnbounded<(string, byte[], DateTimeOffset, string?)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RecordedPost>> _results = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<RecordedPost> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;
    private int _invocationCount;

    private FakeRuntimeApi(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Completes when a runtime first asks for an invocation: it got through init.</summary>
    public Task FirstNextRequested => _firstNext.Task;

    /// <summary>Completes when a runtime reports an init failure.</summary>
    public Task<RecordedPost> InitError => _initError.Task;

    public static FakeRuntimeApi Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            try
            {
                listener.Start();
                return new FakeRuntimeApi(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Queues an event; returns its request id.</summary>
    public string Enqueue(string payload, DateTimeOffset? deadline = null, string? traceId = null) =>
        Enqueue(Encoding.UTF8.GetBytes(payload), deadline, traceId);

    public string Enqueue(byte[] payload, DateTimeOffset? deadline = null, string? traceId = null)
    {
        var requestId = $"req-{Interlocked.Increment(ref _invocationCount).ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        _results[requestId] = new TaskCompletionSource<RecordedPost>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Writer.TryWrite((requestId, payload, deadline ?? DateTimeOffset.UtcNow.AddMinutes(5), traceId));
        return requestId;
    }

    /// <summary>The response or error posted for a request, within the timeout.</summary>
    public async Task<RecordedPost> ResultAsync(string requestId, TimeSpan? timeout = null)
    {
        try
        {
            return await _results[requestId].Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The runtime posted nothing for {requestId} within {timeout ?? TimeSpan.FromSeconds(30)}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            // /next long-polls, so every request is served on its own.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url!.AbsolutePath;
            const string Prefix = "/2018-06-01/runtime/";
            if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                await RespondAsync(response, 404, "{\"errorMessage\":\"unknown path\"}");
                return;
            }

            var route = path[Prefix.Length..];
            if (request.HttpMethod == "GET" && route == "invocation/next")
            {
                _firstNext.TrySetResult();
                var (requestId, payload, deadline, traceId) = await _pending.Reader.ReadAsync(_stopping.Token);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:test";
                if (traceId is not null)
                {
                    response.Headers["Lambda-Runtime-Trace-Id"] = traceId;
                }

                await RespondAsync(response, 200, payload);
                return;
            }

            var body = await ReadBodyAsync(request);
            var errorType = request.Headers["Lambda-Runtime-Function-Error-Type"];
            if (request.HttpMethod == "POST" && route == "init/error")
            {
                _initError.TrySetResult(new RecordedPost("", "init-error", body, errorType));
                await RespondAsync(response, 202, "{\"status\":\"OK\"}");
                return;
            }

            var parts = route.Split('/');
            if (request.HttpMethod == "POST" && parts is ["invocation", var id, "response" or "error"]
                && _results.TryGetValue(Uri.UnescapeDataString(id), out var result))
            {
                result.TrySetResult(new RecordedPost(Uri.UnescapeDataString(id), parts[2], body, errorType));
                await RespondAsync(response, 202, "{\"status\":\"OK\"}");
                return;
            }

            await RespondAsync(response, 400, "{\"errorMessage\":\"unknown request id or route\"}");
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            try
            {
                response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task RespondAsync(HttpListenerResponse response, int status, string body) =>
        RespondAsync(response, status, Encoding.UTF8.GetBytes(body));

    private static async Task RespondAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
