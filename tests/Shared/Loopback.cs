using System.Net;
using System.Net.Sockets;

namespace Zhangjiang.Tests.Shared;

public static class Loopback
{
    /// <summary>A TCP port on 127.0.0.1 that is free now (the OS picks it), for a server a test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
