using System.Net;
using System.Net.Sockets;

namespace Scanner.Emulator.Hosting;

/// <summary>A loopback port nothing listens on, for a server that must be told its port (moto), or a test that needs one closed.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>http://127.0.0.1:port of a free port: an endpoint where nothing answers.</summary>
    public static string ClosedEndpoint() => $"http://127.0.0.1:{Free()}";
}
