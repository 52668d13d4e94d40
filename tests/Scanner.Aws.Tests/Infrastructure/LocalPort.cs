using System.Net;
using System.Net.Sockets;

namespace Scanner.Aws.Tests.Infrastructure;

internal static class LocalPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
