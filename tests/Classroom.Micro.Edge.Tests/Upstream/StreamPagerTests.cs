using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>The paged read against a model of a replica that answers at most a byte budget per page.</summary>
public sealed class StreamPagerTests
{
    private const int PublicationBytes = 1000;

    [Fact]
    public async Task A_stream_larger_than_a_page_is_read_whole_in_pages_in_order()
    {
        var replica = new PagedReplica(count: 50);

        var read = await StreamPager.ReadAsync(new ReadStreamRequest { Channel = "classroom:1", Limit = -1 }, 10 * PublicationBytes, long.MaxValue, replica.ReadAsync);

        Assert.Equal(Enumerable.Range(1, 50).Select(n => (ulong)n), read.Publications.Select(p => p.Offset));
        Assert.False(read.Truncated);
        Assert.All(replica.Asked, page => Assert.Equal(10U * PublicationBytes, page.MaxBytes));
        Assert.True(replica.Asked.Count >= 5);
    }

    [Fact]
    public async Task A_read_past_its_total_budget_stops_and_says_so()
    {
        var replica = new PagedReplica(count: 50);

        var read = await StreamPager.ReadAsync(new ReadStreamRequest { Channel = "classroom:1", SinceOffset = 4, Limit = 40 }, 10 * PublicationBytes, 15 * PublicationBytes, replica.ReadAsync);

        Assert.True(read.Truncated);
        Assert.InRange(read.Publications.Count, 15, 25);
        Assert.Equal(Enumerable.Range(5, read.Publications.Count).Select(n => (ulong)n), read.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task A_count_limit_ends_the_read_without_truncation_and_newest_first_pages_down()
    {
        var replica = new PagedReplica(count: 50);

        var counted = await StreamPager.ReadAsync(new ReadStreamRequest { Channel = "c", Limit = 25 }, 10 * PublicationBytes, long.MaxValue, replica.ReadAsync);
        var newest = await StreamPager.ReadAsync(new ReadStreamRequest { Channel = "c", SinceOffset = 10, Limit = -1, Reverse = true }, 10 * PublicationBytes, long.MaxValue, replica.ReadAsync);

        Assert.Equal((25, false), (counted.Publications.Count, counted.Truncated));
        Assert.Equal(Enumerable.Range(11, 40).Reverse().Select(n => (ulong)n), newest.Publications.Select(p => p.Offset));
    }

    [Fact]
    public async Task Pages_that_no_longer_join_up_fail_the_read_instead_of_leaving_a_gap()
    {
        var replica = new PagedReplica(count: 50) { TrimAfterFirstPage = 30 };

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            StreamPager.ReadAsync(new ReadStreamRequest { Channel = "c", Limit = -1 }, 10 * PublicationBytes, long.MaxValue, replica.ReadAsync));

        Assert.Equal(StatusCode.Aborted, failure.StatusCode);
    }

    /// <summary>A stream of equal publications answered like the replica's read script: whole entries up to the budget, the first always.</summary>
    private sealed class PagedReplica(int count)
    {
        private ulong _firstRetained = 1;

        public List<ReadStreamRequest> Asked { get; } = [];

        public ulong TrimAfterFirstPage { get; init; }

        public Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request)
        {
            Asked.Add(request.Clone());
            var matching = Enumerable.Range(1, count).Select(n => (ulong)n)
                .Where(offset => offset >= _firstRetained && offset > request.SinceOffset && (request.BeforeOffset == 0 || offset < request.BeforeOffset));
            if (request.Reverse)
            {
                matching = matching.Reverse();
            }

            var response = new ReadStreamResponse { Position = new StreamPosition { Epoch = "e", Offset = (ulong)count }, FirstRetainedOffset = _firstRetained };
            var used = 0L;
            foreach (var offset in matching)
            {
                var publication = new Publication { Offset = offset, Data = ByteString.CopyFrom(new byte[PublicationBytes - 8]) };
                if ((request.Limit > 0 && response.Publications.Count == request.Limit) || (response.Publications.Count > 0 && used + publication.CalculateSize() > request.MaxBytes))
                {
                    response.Truncated = response.Publications.Count != request.Limit;
                    break;
                }

                used += publication.CalculateSize();
                response.Publications.Add(publication);
            }

            if (TrimAfterFirstPage > 0)
            {
                _firstRetained = TrimAfterFirstPage;
            }

            return Task.FromResult(response);
        }
    }
}
