using System.Text;
using BenchmarkDotNet.Attributes;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Benchmarks.Codec;

/// <summary>
/// Decoding client frames: the SDK's first frame (connect plus subscribes, batched) and a teacher's frame of
/// whiteboard publishes.
/// </summary>
[MemoryDiagnoser]
public class CommandBatchDecoding
{
    private readonly List<ClientCommand> _commands = new(16);
    private byte[] _connectFrame = [];
    private byte[] _publishFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        var token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + new string('x', 220) + "." + new string('y', 43);
        _connectFrame = Encoding.UTF8.GetBytes(string.Join('\n',
            "{\"id\":1,\"connect\":{\"token\":\"" + token + "\",\"name\":\"js\",\"version\":\"5.7.4\"}}",
            "{\"id\":2,\"subscribe\":{\"channel\":\"classroom:42\",\"recover\":true,\"epoch\":\"a1b2c3\",\"offset\":17,\"flag\":1}}",
            "{\"id\":3,\"subscribe\":{\"channel\":\"personal:#teacher-42\",\"flag\":1}}"));
        _publishFrame = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(10, 10).Select(id =>
            "{\"id\":" + id + ",\"publish\":{\"channel\":\"classroom:42\",\"data\":{\"type\":\"stroke\",\"seq\":" + id
            + ",\"color\":\"#1f6feb\",\"points\":[[12,40],[19,51],[26,62],[33,73],[40,84],[47,95],[54,106],[61,117],[68,128],[75,139]]}}}")));
    }

    [Benchmark]
    public int DecodeConnectAndTwoSubscribes() => Decode(_connectFrame);

    [Benchmark]
    public int DecodeTenPublishes() => Decode(_publishFrame);

    private int Decode(byte[] frame)
    {
        _commands.Clear();
        return CommandParser.Parse(frame, _commands) == FrameParseResult.Malformed
            ? throw new InvalidOperationException("the frame did not parse")
            : _commands.Count;
    }
}
