using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scanner.Emulator.Handlers;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator;

/// <summary>
/// An AWS endpoint in this process, on Kestrel on a free loopback port: one URL for every service, as AWS_ENDPOINT_URL
/// gives a client. It starts as one standalone account (123456789012, the account any unknown access key acts as) and
/// becomes whatever the write operations sent to it make it: the demo seeds it exactly as it seeds moto. Nothing leaves
/// the machine; disposing stops it and forgets everything.
/// </summary>
public sealed class AwsEmulator : IAsyncDisposable
{
    /// <summary>The account the emulator starts with, and the one unsigned or unknown credentials act as.</summary>
    public const string DefaultAccountId = "123456789012";

    private readonly ServiceHandlers _handlers;
    private WebApplication? _app;

    private AwsEmulator(ServiceHandlers handlers)
    {
        _handlers = handlers;
        Endpoint = "";
    }

    /// <summary>http://127.0.0.1:port: give it to clients as their endpoint URL.</summary>
    public string Endpoint { get; private set; }

    /// <summary>The organization as the writes so far have made it.</summary>
    public SyntheticOrganization Organization => _handlers.Store.Current;

    /// <param name="managementAccountName">The name of the account the emulator starts with (it becomes the management account).</param>
    public static async Task<AwsEmulator> StartAsync(string managementAccountName, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var store = new OrganizationStore(OrganizationStore.Standalone(DefaultAccountId, managementAccountName, time.GetUtcNow()), time);
        var emulator = new AwsEmulator(new ServiceHandlers(store));
        (emulator._app, emulator.Endpoint) = await LoopbackHost.StartAsync(emulator.HandleAsync, 0, cancellationToken);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await AwsRequestReader.ReadBodyAsync(context.Request);
        var (call, error) = AwsRequestReader.Parse(context.Request, context.Request.Path.Value ?? "/", body, _handlers.Store.Current);
        await WireReply.WriteAsync(context.Response, call is null ? error! : _handlers.Handle(call), context.RequestAborted);
    }
}
