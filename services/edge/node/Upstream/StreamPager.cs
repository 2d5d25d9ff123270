using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// One logical stream read made of byte-bounded pages: each page asks for at most <c>pageBytes</c>, and the pages
/// continue after the last publication (from <c>since_offset</c> forward, below <c>before_offset</c> newest first) until
/// the request's limit, the end of the stream, or <c>maxBytes</c> gathered. The answer is one
/// <see cref="ReadStreamResponse"/>: its <c>truncated</c> says the byte budget stopped it with more to read. Pages that no
/// longer join up (the stream was trimmed or reset between two pages) fail the read with <c>ABORTED</c>: the caller
/// reads again rather than take a silent gap.
/// </summary>
internal static class StreamPager
{
    public static async Task<ReadStreamResponse> ReadAsync(
        ReadStreamRequest request,
        int pageBytes,
        long maxBytes,
        Func<ReadStreamRequest, Task<ReadStreamResponse>> readPage)
    {
        var page = request.Clone();
        page.MaxBytes = (uint)pageBytes;
        var answer = await readPage(page);
        var gathered = BytesOf(answer.Publications);
        while (answer.Truncated && answer.Publications.Count > 0)
        {
            var remaining = request.Limit < 0 ? -1 : request.Limit - answer.Publications.Count;
            if (remaining == 0)
            {
                answer.Truncated = false;
                break;
            }

            if (gathered >= maxBytes)
            {
                break;
            }

            page.Limit = remaining;
            var last = answer.Publications[^1].Offset;
            if (request.Reverse)
            {
                page.BeforeOffset = last;
            }
            else
            {
                page.SinceOffset = last;
            }

            var next = await readPage(page);
            if (!string.Equals(next.Position.Epoch, answer.Position.Epoch, StringComparison.Ordinal)
                || (next.Publications.Count > 0 && next.Publications[0].Offset != (request.Reverse ? last - 1 : last + 1)))
            {
                throw new RpcException(new Status(StatusCode.Aborted, "the stream changed between the pages of a read; read again"));
            }

            // The first page's first retained offset stands; the newest position wins (never behind what was read).
            answer.Publications.AddRange(next.Publications);
            answer.Position = next.Position;
            answer.Truncated = next.Truncated;
            gathered += BytesOf(next.Publications);
        }

        return answer;
    }

    private static long BytesOf(IEnumerable<Publication> publications) => publications.Sum(publication => (long)publication.CalculateSize());
}
