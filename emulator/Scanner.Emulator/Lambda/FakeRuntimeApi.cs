using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Lambda;

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
/// The Lambda Runtime API on a loopback port (<see cref="LoopbackHost"/>): queues invocations for <c>invocation/next</c>,
/// records what comes back on the response, error and init/error endpoints, and stamps the first request a runtime makes
/// (the end of a cold start). With nothing queued, <c>invocation/next</c> is held open, as the real API holds it between
/// invocations. The tests drive a runtime through it; the benchmark times bootstraps' cold starts against it.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<(string RequestId, byte[] Payload, DateTimeOffset Deadline, string? TraceId)> _pending =
        Channel.CreateUnbounded<(string, byte[], DateTimeOffset, string?)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RecordedPost>> _results = new(StringComparer.Ordinal);
    private TaskCompletionSource<RecordedPost> _initError = NewSource<RecordedPost>();
    private TaskCompletionSource _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<(long Timestamp, string Request)> _first = NewSource<(long, string)>();
    private WebApplication? _app;
    private int _invocationCount;

    private FakeRuntimeApi()
    {
    }

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    public int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>The first request of any kind since start (or <see cref="Reset"/>): its Stopwatch timestamp and "METHOD path".</summary>
    public Task<(long Timestamp, string Request)> FirstRequest => _first.Task;

    /// <summary>Completes when a runtime first asks for an invocation: it got through init.</summary>
    public Task FirstNextRequested => _firstNext.Task;

    /// <summary>Completes when a runtime reports an init failure.</summary>
    public Task<RecordedPost> InitError => _initError.Task;

    public static async Task<FakeRuntimeApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var api = new FakeRuntimeApi();
        var (app, endpoint) = await LoopbackHost.StartAsync(api.HandleAsync, 0, cancellationToken).ConfigureAwait(false);
        api._app = app;
        api.Address = new Uri(endpoint).Authority;
        return api;
    }

    /// <summary>For callers that cannot await (a test's using declaration): starts on the thread pool and waits.</summary>
    public static FakeRuntimeApi Start() => Task.Run(() => StartAsync()).GetAwaiter().GetResult();

    /// <summary>Forgets the first requests and the init error seen so far: call before starting each new bootstrap.</summary>
    public void Reset()
    {
        _first = NewSource<(long, string)>();
        _firstNext = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _initError = NewSource<RecordedPost>();
    }

    /// <summary>Queues an event; returns its request id.</summary>
    public string Enqueue(string payload, DateTimeOffset? deadline = null, string? traceId = null) =>
        Enqueue(Encoding.UTF8.GetBytes(payload), deadline, traceId);

    public string Enqueue(byte[] payload, DateTimeOffset? deadline = null, string? traceId = null)
    {
        var requestId = $"req-{Interlocked.Increment(ref _invocationCount).ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        _results[requestId] = NewSource<RecordedPost>();
        _pending.Writer.TryWrite((requestId, payload, deadline ?? DateTimeOffset.UtcNow.AddMinutes(5), traceId));
        return requestId;
    }

    /// <summary>The response or error posted for a request, within the timeout.</summary>
    public async Task<RecordedPost> ResultAsync(string requestId, TimeSpan? timeout = null)
    {
        var patience = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            return await _results[requestId].Task.WaitAsync(patience).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The runtime posted nothing for {requestId} within {patience}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Release the held long polls first, so that stopping does not wait for them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _first.TrySetResult((Stopwatch.GetTimestamp(), $"{request.Method} {request.Path}"));
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await RespondAsync(context, 404, "{\"errorMessage\":\"unknown path\"}").ConfigureAwait(false);
            return;
        }

        var route = path[Prefix.Length..];
        if (HttpMethods.IsGet(request.Method) && route == "invocation/next")
        {
            await NextAsync(context).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var errorType = request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        if (HttpMethods.IsPost(request.Method) && route == "init/error")
        {
            _initError.TrySetResult(new RecordedPost("", "init-error", body, errorType));
            await RespondAsync(context, 202, "{\"status\":\"OK\"}").ConfigureAwait(false);
            return;
        }

        var parts = route.Split('/');
        if (HttpMethods.IsPost(request.Method) && parts is ["invocation", var id, "response" or "error"]
            && _results.TryGetValue(Uri.UnescapeDataString(id), out var result))
        {
            result.TrySetResult(new RecordedPost(Uri.UnescapeDataString(id), parts[2], body, errorType));
            await RespondAsync(context, 202, "{\"status\":\"OK\"}").ConfigureAwait(false);
            return;
        }

        await RespondAsync(context, 400, "{\"errorMessage\":\"unknown request id or route\"}").ConfigureAwait(false);
    }

    /// <summary>Hands out the next queued invocation, holding the request until there is one (or the runtime or this API stops).</summary>
    private async Task NextAsync(HttpContext context)
    {
        _firstNext.TrySetResult();
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        (string RequestId, byte[] Payload, DateTimeOffset Deadline, string? TraceId) next;
        try
        {
            next = await _pending.Reader.ReadAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:test";
        if (next.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
        }

        await RespondAsync(context, 200, next.Payload).ConfigureAwait(false);
    }

    private static Task RespondAsync(HttpContext context, int status, string body) => RespondAsync(context, status, Encoding.UTF8.GetBytes(body));

    private static async Task RespondAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
