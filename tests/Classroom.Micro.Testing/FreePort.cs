using System.Net;
using System.Net.Sockets;

namespace Classroom.Micro.Testing;

/// <summary>Free loopback TCP ports: the OS picks one, we release it and hand it to a child process.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>Returns a loopback port that was free a moment ago and was not handed out before in this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
