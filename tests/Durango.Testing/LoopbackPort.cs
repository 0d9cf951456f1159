using System.Net;
using System.Net.Sockets;

namespace Durango.Testing;

/// <summary>A port on 127.0.0.1 that nothing listens on now, for a server a test starts.</summary>
public static class LoopbackPort
{
    /// <summary>Asks the system for a free loopback port and gives it back.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
