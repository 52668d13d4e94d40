using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Scanner.Lambda.Events;

namespace Scanner.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over HTTP: what Amazon.Lambda.RuntimeSupport does, minus everything
/// this project does not need. See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.
/// </summary>
public sealed class LambdaRuntimeClient : IDisposable
{
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    /// <param name="runtimeApi">The value of AWS_LAMBDA_RUNTIME_API: <c>host:port</c>, no scheme.</param>
    /// <param name="handler">The HTTP handler to use; a plain <see cref="SocketsHttpHandler"/> when null.</param>
    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        if (!Uri.TryCreate($"http://{runtimeApi.Trim()}/2018-06-01/runtime/", UriKind.Absolute, out var baseAddress))
        {
            throw new ArgumentException($"'{runtimeApi}' is not a host:port the Runtime API can be reached at.", nameof(runtimeApi));
        }

        _baseAddress = baseAddress;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false }, disposeHandler: handler is null)
        {
            // invocation/next long-polls until an event arrives, which may be hours on a quiet function.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress => _baseAddress;

    /// <summary>Waits for the next event. Blocks (long-polls) until Lambda has one or the token is cancelled.</summary>
    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_baseAddress, "invocation/next"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LambdaRuntimeException($"invocation/next answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var requestId = Header(response, RequestIdHeader)
            ?? throw new LambdaRuntimeException($"invocation/next answered without a {RequestIdHeader} header.");
        var deadline = ParseDeadline(Header(response, DeadlineHeader));
        var functionArn = Header(response, FunctionArnHeader) ?? "";
        var traceId = Header(response, TraceIdHeader);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        return new LambdaInvocation(new InvocationContext(requestId, deadline, functionArn, traceId), payload);
    }

    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = JsonMediaType;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, errorType: null, cancellationToken);
    }

    public Task PostInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);
    }

    /// <summary>Reports a failure before the first <c>invocation/next</c>; Lambda then ends the environment.</summary>
    public Task PostInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", error, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
    }

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RuntimeErrorBody(error.ErrorMessage, error.ErrorType, []),
            LambdaJsonContext.Default.RuntimeErrorBody);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        await PostAsync(path, content, error.ErrorType, cancellationToken);
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // 413 for a response over 6 MB, 400/403 for a request id that is not current. The invocation is lost
            // either way; the caller logs it and goes on to the next one.
            throw new LambdaRuntimeException($"{path} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static DateTimeOffset ParseDeadline(string? value)
    {
        if (value is null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs))
        {
            throw new LambdaRuntimeException($"invocation/next answered without a valid {DeadlineHeader} header ('{value}').");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
    }
}
