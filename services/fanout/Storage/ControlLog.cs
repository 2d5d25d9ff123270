using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Every control command announced through any replica (kick, mute, end of class, server-side unsubscribe), in one
/// Redis stream, so an edge whose Attach stream was down when one was announced gets it when it attaches again. Bounded:
/// the newest <see cref="Retained"/> commands are kept (approximately), far more than a link flap spans.
/// </summary>
internal sealed class ControlLog(IConnectionMultiplexer redis, StreamKeys keys)
{
    /// <summary>Commands kept in the log.</summary>
    public const int Retained = 10_000;

    /// <summary>Most commands replayed to one attaching edge.</summary>
    public const int MaxReplay = 1_000;

    private const string PayloadField = "c";

    /// <summary>Records <paramref name="command"/> and returns its log id.</summary>
    public async Task<string> AppendAsync(ControlCommand command)
    {
        var id = await redis.GetDatabase().StreamAddAsync(keys.ControlLog(), PayloadField, command.ToByteArray(), maxLength: Retained, useApproximateMaxLength: true);
        return id.ToString();
    }

    /// <summary>The commands logged after <paramref name="since"/> (oldest first, at most <see cref="MaxReplay"/>), their log ids set.</summary>
    public async Task<IReadOnlyList<ControlCommand>> ReadAfterAsync(string since)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(keys.ControlLog(), minId: "(" + since, maxId: "+", count: MaxReplay);
        var commands = new List<ControlCommand>(entries.Length);
        foreach (var entry in entries)
        {
            var payload = entry[PayloadField];
            if (payload.IsNull)
            {
                continue;
            }

            var command = ControlCommand.Parser.ParseFrom((byte[])payload!);
            command.LogId = entry.Id.ToString();
            commands.Add(command);
        }

        return commands;
    }
}
