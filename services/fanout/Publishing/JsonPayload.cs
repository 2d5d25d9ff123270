using System.Text.Json;
using System.Text.Unicode;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>Checks that bytes are one well-formed JSON value, without building a document.</summary>
internal static class JsonPayload
{
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || !Utf8.IsValid(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
