using System.Buffers;
using System.IO.Pipelines;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// HTTP-streaming (<c>POST /connection/http_stream</c>): the request body is the connect command, the response is a
/// stream of replies and pushes, each line one JSON message, as centrifuge-js reads it line by line.
/// </summary>
internal sealed class HttpStreamTransport(HttpContext context, byte[] connectFrame, string session, string? node)
    : EmulatedTransport(context, connectFrame, session, node)
{
    public const string ContentType = "application/json";

    public override string Name => "http_stream";

    protected override void WriteFrame(PipeWriter body, ReadOnlySpan<byte> frame)
    {
        // A frame's messages are already one per line: only the last needs its newline.
        body.Write(frame);
        body.Write("\n"u8);
    }
}
