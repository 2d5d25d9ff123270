using System.Buffers;
using System.IO.Pipelines;

namespace Classroom.Micro.Edge.Transports;

/// <summary>
/// Server-sent events (<c>GET /connection/sse?cf_connect=…</c>, an <c>EventSource</c>): the connect command is in the
/// query, the response is <c>text/event-stream</c> with one event per frame. Each message of the frame is a
/// <c>data:</c> line; EventSource joins them with <c>\n</c> again, which is how the SDK splits a frame anyway.
/// </summary>
internal sealed class SseTransport(HttpContext context, byte[] connectFrame, string session, string? node)
    : EmulatedTransport(context, connectFrame, session, node)
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    /// <summary>The query parameter holding the connect command.</summary>
    public const string ConnectParameter = "cf_connect";

    public override string Name => "sse";

    protected override void WriteFrame(PipeWriter body, ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            var end = frame.IndexOf((byte)'\n');
            body.Write("data: "u8);
            body.Write(end < 0 ? frame : frame[..end]);
            body.Write("\n"u8);
            if (end < 0)
            {
                break;
            }

            frame = frame[(end + 1)..];
        }

        // A blank line dispatches the event.
        body.Write("\n"u8);
    }
}
