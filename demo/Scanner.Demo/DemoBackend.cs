using Scanner.Emulator;

namespace Scanner.Demo;

/// <summary>
/// Where the demo's organization lives: the AWS emulator in this process (the default: nothing to install beyond the
/// .NET SDK), or moto in a child process (<c>--moto</c>, the independent reference the tests also use). Both speak the
/// AWS wire protocols on a loopback port and are seeded by the same write operations.
/// </summary>
public sealed class DemoBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable _server;

    private DemoBackend(IAsyncDisposable server, string endpoint, string name)
    {
        _server = server;
        Endpoint = endpoint;
        Name = name;
    }

    /// <summary>http://127.0.0.1:port, for every client of the demo.</summary>
    public string Endpoint { get; }

    /// <summary>What a person is told is running: "the in-process AWS emulator" or "moto".</summary>
    public string Name { get; }

    /// <summary>Starts the backend. With <paramref name="moto"/>, throws <see cref="MotoNotInstalledException"/> when python3 or moto is missing.</summary>
    public static async Task<DemoBackend> StartAsync(bool moto, CancellationToken cancellationToken)
    {
        if (moto)
        {
            var server = await MotoServer.StartAsync(cancellationToken);
            return new DemoBackend(server, server.Endpoint, "moto");
        }

        var emulator = await AwsEmulator.StartAsync(DemoOrganization.ManagementAccountName, TimeProvider.System, cancellationToken);
        return new DemoBackend(emulator, emulator.Endpoint, "the in-process AWS emulator");
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
