using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scanner.Functions.Tests.Browser;

/// <summary>
/// The Chrome DevTools Protocol over one page's WebSocket: commands (id, method, params) answered by id, and the
/// events the page sends, kept in order for the test to read (console messages, exceptions, load).
/// </summary>
public sealed class DevToolsSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    public static async Task<DevToolsSession> ConnectAsync(Uri webSocket, CancellationToken cancellationToken)
    {
        var session = new DevToolsSession();
        session._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await session._socket.ConnectAsync(webSocket, cancellationToken);
        session._reader = Task.Run(session.ReadAsync, CancellationToken.None);
        return session;
    }

    /// <summary>Every event received so far, each {"method": ..., "params": ...}.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        var response = await answer.Task.WaitAsync(timeout);
        if (response.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"DevTools {method} failed: {error.GetRawText()}");
        }

        return response.GetProperty("result");
    }

    /// <summary>The value of a page expression (promises awaited), as JSON; a thrown exception fails the call.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, TimeSpan timeout)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        }, timeout);
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.GetRawText()}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Waits until an event of <paramref name="method"/> has arrived.</summary>
    public async Task WaitForEventAsync(string method, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!Events.Any(e => e.GetProperty("method").GetString() == method))
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement.Clone();
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
                {
                    answer.TrySetResult(root);
                }
                else if (root.TryGetProperty("method", out _))
                {
                    lock (_events)
                    {
                        _events.Add(root);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser went away or the session was disposed: pending commands fail below.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
