using System.Text.Json;

namespace Classroom.Micro.Gateway.Emulation;

/// <summary>Reads the <c>node</c> of an emulation request body (<c>{"session":…,"node":…,"data":…}</c>) and nothing else.</summary>
internal static class EmulationNode
{
    /// <summary>The top-level <c>node</c> string, or false when the body is not a JSON object with one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out string node)
    {
        node = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isNode = reader.ValueTextEquals("node"u8);
                reader.Read();
                if (isNode)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    node = reader.GetString()!;
                    return node.Length > 0;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
