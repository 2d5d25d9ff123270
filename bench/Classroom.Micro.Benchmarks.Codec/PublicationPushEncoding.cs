using System.Text;
using BenchmarkDotNet.Attributes;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Benchmarks.Codec;

/// <summary>
/// Encoding one <c>pub</c> push of a ~200-byte whiteboard stroke with the publisher's info: done once per delivery
/// per edge, then the same bytes go to every local subscriber.
/// </summary>
[MemoryDiagnoser]
public class PublicationPushEncoding
{
    private PublicationView _publication;

    [GlobalSetup]
    public void Setup()
    {
        var stroke = """{"type":"stroke","seq":1234,"sent":98765432101,"color":"#1f6feb","points":[[12,40],[19,51],[26,62],[33,73],[40,84],[47,95],[54,106],[61,117],[68,128],[75,139],[82,150],[89,161],[96,172],[103,183]]}""";
        var connInfo = """{"name":"Ada Lovelace","role":"teacher"}""";
        var info = new ClientInfoView("teacher-42", "7c1e6a2b-3f4d-4e5f-8a9b-0c1d2e3f4a5b", Json(connInfo), default);
        _publication = new PublicationView(4711, Json(stroke), info, Tags: null);
    }

    [Benchmark]
    public byte[] EncodePubPush() => ProtocolWriter.PublicationPush("classroom:42", _publication);

    private static RawJson Json(string text) =>
        RawJson.TryCreate(Encoding.UTF8.GetBytes(text), out var json) ? json : throw new InvalidOperationException("bad JSON: " + text);
}
