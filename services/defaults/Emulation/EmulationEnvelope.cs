using System.Text.Json;

namespace Classroom.Micro.ServiceDefaults.Emulation;

/// <summary>
/// The body of <c>POST /emulation</c> as the centrifuge SDKs send it in JSON mode: <c>{"session":…,"node":…,"data":…}</c>,
/// where <c>data</c> is a string holding the client's commands (JSON messages separated by <c>\n</c>). The gateway reads
/// <see cref="Node"/> to find the edge holding the session; the edge reads <see cref="Session"/> and <see cref="Data"/>.
/// </summary>
public sealed record EmulationEnvelope(string Session, string Node, string Data)
{
    /// <summary>Reads the envelope; false unless the body is a JSON object with a non-empty <c>session</c> and string <c>data</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out EmulationEnvelope envelope)
    {
        envelope = null!;
        string? session = null;
        string? node = null;
        string? data = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("session"u8) ? 1 : reader.ValueTextEquals("node"u8) ? 2 : reader.ValueTextEquals("data"u8) ? 3 : 0;
                reader.Read();
                if (field == 0)
                {
                    // Unknown fields are ignored, as everywhere in the protocol.
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                var value = reader.GetString();
                _ = field switch
                {
                    1 => session = value,
                    2 => node = value,
                    _ => data = value,
                };
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (string.IsNullOrEmpty(session) || data is null)
        {
            return false;
        }

        envelope = new EmulationEnvelope(session, node ?? string.Empty, data);
        return true;
    }
}
