using Classroom.Micro.ServiceDefaults.InternalPlane;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Classroom.Micro.ServiceDefaults.Grpc;

/// <summary>How every service calls another over gRPC: long-lived HTTP/2 connections, keepalive, and retries of idempotent failures.</summary>
public static class GrpcClientDefaults
{
    /// <summary>
    /// Creates a channel to <paramref name="address"/> (plain-text HTTP/2 when the scheme is http) whose every call
    /// carries <paramref name="caller"/>'s assertion (null only for a peer that checks none, such as a test double).
    /// </summary>
    public static GrpcChannel CreateChannel(Uri address, CallerCredential? caller, bool retryUnavailable = true)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            // Keepalive pings notice a dead peer (kill -9, partition) long before TCP would.
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(3),
        };

        var options = new GrpcChannelOptions
        {
            HttpHandler = caller is null ? handler : caller.CreateHandler(handler),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        };

        if (retryUnavailable)
        {
            options.ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 3,
                            InitialBackoff = TimeSpan.FromMilliseconds(50),
                            MaxBackoff = TimeSpan.FromMilliseconds(500),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            };
        }

        return GrpcChannel.ForAddress(address, options);
    }
}
