using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

/// <summary>The HTTP answers of a handshake the edge took over, written by hand into the connection's output.</summary>
internal static class HandshakeResponses
{
    // RFC 6455 1.3: the GUID every server appends to the client's key.
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The <c>Sec-WebSocket-Accept</c> for a client's key.</summary>
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 here: it proves the server read the handshake, it protects nothing.
    public static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350

    /// <summary><c>101 Switching Protocols</c>: no subprotocol, no extension (as the ASP.NET path accepts).</summary>
    public static void WriteSwitchingProtocols(IBufferWriter<byte> output, string key) =>
        WriteAscii(output, $"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {AcceptKey(key)}\r\n\r\n");

    /// <summary>A refusal as problem details (RFC 9457), the body <c>Results.Problem</c> writes on the HTTP pipeline.</summary>
    public static void WriteProblem(IBufferWriter<byte> output, int status, string title, string? detail)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", status == StatusCodes.Status403Forbidden
                ? "https://tools.ietf.org/html/rfc9110#section-15.5.4"
                : "https://tools.ietf.org/html/rfc9110#section-15.6.4");
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            if (detail is not null)
            {
                json.WriteString("detail", detail);
            }

            json.WriteEndObject();
        }

        var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        WriteAscii(output, $"HTTP/1.1 {status} {phrase}\r\nContent-Type: application/problem+json\r\nContent-Length: {body.WrittenCount}\r\nConnection: close\r\n\r\n");
        output.Write(body.WrittenSpan);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
