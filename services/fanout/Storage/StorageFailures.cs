using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>Which storage failures mean "Redis cannot be reached right now" (the caller may retry elsewhere or later).</summary>
internal static class StorageFailures
{
    private static readonly string[] TransientServerErrors = ["READONLY", "LOADING", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS"];

    /// <summary>True for connection loss, timeouts, failover states and unconfirmed replication.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException or ReplicationUnconfirmedException => true,
        RedisServerException server => TransientServerErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>True for every failure that came from talking to Redis.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ReplicationUnconfirmedException;
}
