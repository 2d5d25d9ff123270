namespace Classroom.Micro.Gateway.Emulation;

/// <summary>Reads a request body whole, up to a bound.</summary>
internal static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxBytes"/> (nothing past the bound is read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellation)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
