using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scanner.Emulator.Wire;

namespace Scanner.Testing;

/// <summary>
/// The one host every fake and proxy in the tests runs on: the emulator's <see cref="LoopbackHost"/> (Kestrel on a free
/// loopback port, serving requests concurrently), started synchronously so that a fake can be a field or a using
/// declaration, and stopped when disposed. A handler that throws answers 500 with the exception's message, so a bug
/// in a fake shows in the test's failure instead of hanging the client.
/// </summary>
public sealed class LoopbackFake : IDisposable, IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    public LoopbackFake(string name, RequestDelegate handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        async Task Guarded(HttpContext context)
        {
            try
            {
                await handle(context);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        // On the thread pool: Kestrel's start must not wait on a test framework's synchronization context.
        (_app, Endpoint) = Task.Run(() => LoopbackHost.StartAsync(Guarded, 0, CancellationToken.None)).GetAwaiter().GetResult();
    }

    /// <summary>http://127.0.0.1:port.</summary>
    public string Endpoint { get; }

    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(patience.Token);
        await _app.DisposeAsync();
    }
}
