using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Scanner.Bench.Server;

/// <summary>
/// A Lambda Runtime API that only notices when a bootstrap first asks for work (GET /2018-06-01/runtime/invocation/next,
/// or POST …/init/error when its init failed) and never hands any out: the figure for cold start is the time from
/// process start to that first request.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource<(long Timestamp, string Request)> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeRuntimeApi(app);
        app.Run(async context =>
        {
            var now = Stopwatch.GetTimestamp();
            api._first.TrySetResult((now, $"{context.Request.Method} {context.Request.Path}"));

            // Hold the long poll, as the Runtime API does between invocations, until the bootstrap is stopped.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Address = new Uri(address).Authority;
        return api;
    }

    /// <summary>Waits for the next first request; call <see cref="Reset"/> before starting each bootstrap.</summary>
    public Task<(long Timestamp, string Request)> FirstRequest => _first.Task;

    public void Reset() => _first = new TaskCompletionSource<(long, string)>(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
