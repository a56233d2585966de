using System.Net;
using System.Net.Sockets;

namespace Workflows.Soak.Hosts;

/// <summary>Free 127.0.0.1 ports, as the system hands them out.</summary>
internal static class FreePort
{
    /// <summary>A port nothing listens on now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
