using System.Buffers;
using System.Text.Json;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class CommandParserRandomTests
{
    private const int Seed = 20_251_128;
    private const int Cases = 3_000;

    [Fact]
    public void Random_commands_wrapped_in_random_unknown_fields_parse_to_exactly_what_they_say()
    {
        var json = new RandomJson(new Random(Seed));
        for (var i = 0; i < Cases; i++)
        {
            var (line, expected) = RandomCommand(json, (uint)json.Random.NextInt64(1, uint.MaxValue + 1L));
            var commands = new List<ClientCommand>();

            var result = CommandParser.Parse(line, commands);

            Assert.True(result == FrameParseResult.Ok, $"case {i}: {System.Text.Encoding.UTF8.GetString(line)}");
            Assert.Equal(expected, Assert.Single(commands));
        }
    }

    [Fact]
    public void Random_objects_of_random_fields_never_throw()
    {
        var json = new RandomJson(new Random(Seed + 1));
        string[] names = ["id", "connect", "subscribe", "publish", "history", "send", "channel", "data", "offset", "since"];
        for (var i = 0; i < Cases; i++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                for (var field = json.Random.Next(6); field > 0; field--)
                {
                    writer.WritePropertyName(json.Random.Next(2) == 0 ? names[json.Random.Next(names.Length)] : json.UnknownName());
                    json.Value(writer, 0);
                }

                writer.WriteEndObject();
            }

            var result = CommandParser.Parse(buffer.WrittenSpan, []);

            Assert.True(result is FrameParseResult.Ok or FrameParseResult.Malformed);
        }
    }

    [Fact]
    public void Truncated_and_corrupted_frames_never_throw()
    {
        var json = new RandomJson(new Random(Seed + 2));
        for (var i = 0; i < Cases; i++)
        {
            var (line, _) = RandomCommand(json, 1);
            var cut = line[..json.Random.Next(1, line.Length)];
            var corrupted = line.ToArray();
            corrupted[json.Random.Next(corrupted.Length)] = (byte)json.Random.Next(256);

            Assert.Equal(FrameParseResult.Malformed, CommandParser.Parse(cut, []));
            var result = CommandParser.Parse(corrupted, []);
            Assert.True(result is FrameParseResult.Ok or FrameParseResult.Malformed);
        }
    }

    private static (byte[] Line, ClientCommand Expected) RandomCommand(RandomJson json, uint id)
    {
        var random = json.Random;
        var request = new List<Action<Utf8JsonWriter>>(json.UnknownFields());
        var channel = json.Text(1, 10);
        var data = json.ValueBytes();
        var token = json.Text(1, 10);
        void Channel() => request.Add(w => w.WriteString("channel", channel));
        void Data() => request.Add(w => { w.WritePropertyName("data"); w.WriteRawValue(data, skipInputValidation: true); });
        void Token() => request.Add(w => w.WriteString("token", token));

        // Literal null data means "absent", so a publish needs something else.
        var hasData = !data.AsSpan().SequenceEqual("null"u8);
        var raw = hasData ? RawJson.FromTrusted(data) : default;
        string name;
        ClientCommand expected;
        switch (random.Next(12))
        {
            case 0:
                name = "connect";
                Token();
                Data();
                expected = new ConnectCommand(id, token, null, null, raw);
                break;
            case 1:
                name = "subscribe";
                var offset = (ulong)random.NextInt64();
                var epoch = json.Text(0, 6);
                Channel();
                request.Add(w => w.WriteBoolean("recover", true));
                request.Add(w => w.WriteNumber("offset", offset));
                request.Add(w => w.WriteString("epoch", epoch));
                request.Add(w => w.WriteNumber("flag", random.Next(4)));
                expected = new SubscribeCommand(id, channel, true, offset, epoch, false, null);
                break;
            case 2:
                name = "unsubscribe";
                Channel();
                expected = new UnsubscribeCommand(id, channel);
                break;
            case 3:
                name = "publish";
                Channel();
                Data();
                expected = hasData ? new PublishCommand(id, channel, raw) : new InvalidCommand(id, ClientErrors.BadRequest);
                break;
            case 4:
                name = "presence";
                Channel();
                expected = new PresenceCommand(id, channel);
                break;
            case 5:
                name = "presence_stats";
                Channel();
                expected = new PresenceStatsCommand(id, channel);
                break;
            case 6:
                name = "history";
                var limit = random.Next(-1, 1000);
                Channel();
                request.Add(w => w.WriteNumber("limit", limit));
                expected = new HistoryCommand(id, channel, limit, null, false);
                break;
            case 7:
                name = "rpc";
                request.Add(w => w.WriteString("method", channel));
                Data();
                expected = new RpcCommand(id, channel, raw);
                break;
            case 8:
                name = "refresh";
                Token();
                expected = new RefreshCommand(id, token);
                break;
            case 9:
                name = "sub_refresh";
                Channel();
                Token();
                expected = new SubRefreshCommand(id, channel, token);
                break;
            case 10:
                name = "send";
                Data();
                expected = new SendCommand(raw);
                break;
            default:
                name = string.Empty;
                expected = new InvalidCommand(id, ClientErrors.MethodNotFound);
                break;
        }

        var top = new List<Action<Utf8JsonWriter>>(json.UnknownFields()) { w => w.WriteNumber("id", id) };
        if (name.Length > 0)
        {
            top.Add(w => { w.WritePropertyName(name); json.Object(w, request); });
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.Object(writer, top);
        }

        return (buffer.WrittenSpan.ToArray(), expected);
    }
}
