using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// A per-thread buffer and JSON writer reused by every encode, so writing a message allocates only its final array.
/// Use strictly as <see cref="Begin"/>, synchronous writes, <see cref="Finish"/>.
/// </summary>
internal sealed class JsonScratch : IDisposable
{
    // A rare huge message must not pin its buffer to the thread for ever.
    private const int RetainedCapacity = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        // Frames go to a WebSocket and JSON.parse, never into HTML, so only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The writer methods are the only callers and emit balanced structures; raw values are validated on the way in.
        SkipValidation = true,
    };

    [ThreadStatic]
    private static JsonScratch? _current;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    private JsonScratch() => _writer = new Utf8JsonWriter(_buffer, Options);

    public static Utf8JsonWriter Begin()
    {
        var scratch = _current ??= new JsonScratch();
        scratch._buffer.ResetWrittenCount();
        scratch._writer.Reset(scratch._buffer);
        return scratch._writer;
    }

    public static byte[] Finish()
    {
        var scratch = _current ?? throw new InvalidOperationException("Finish called without Begin.");
        scratch._writer.Flush();
        var message = scratch._buffer.WrittenSpan.ToArray();
        if (scratch._buffer.Capacity > RetainedCapacity)
        {
            _current = null;
            scratch.Dispose();
        }

        return message;
    }

    public void Dispose() => _writer.Dispose();
}
