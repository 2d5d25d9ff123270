using System.Text;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

/// <summary>
/// A channel's stream held in memory, read the way a fanout replica answers <c>ReadStream</c>: publications after
/// <c>since_offset</c>, at most <c>limit</c>, stopped (truncated) past the byte budget. Counts the reads of publications
/// and can hold them at a gate (position reads pass), so a test decides what arrives while a hub waits on the stream.
/// </summary>
internal sealed class ScriptedStream(string channel, string epoch = "epoch-1") : IChannelStreamReads
{
    private readonly Lock _lock = new();
    private readonly List<Publication> _publications = [];
    private TaskCompletionSource _gate = Opened();

    public string Epoch { get; } = epoch;

    public long RecoveryMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Reads that asked for publications (not just the position).</summary>
    public int PublicationReads { get; private set; }

    /// <summary>Offsets the first retained publication is above (as after trimming).</summary>
    public ulong TrimmedThrough { get; set; }

    public ulong Top
    {
        get
        {
            lock (_lock)
            {
                return _publications.Count == 0 ? 0 : _publications[^1].Offset;
            }
        }
    }

    /// <summary>Appends the next publication and returns it as a fanout would deliver it.</summary>
    public Delivery Append()
    {
        lock (_lock)
        {
            var publication = new Publication
            {
                Offset = (ulong)_publications.Count + 1,
                Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes($$"""{"n":{{_publications.Count + 1}}}""")),
            };
            _publications.Add(publication);
            return new Delivery { Channel = channel, Epoch = Epoch, Publication = publication };
        }
    }

    /// <summary>Holds every later read of publications until <see cref="Open"/>; completes when one waits at the gate.</summary>
    public Task Close()
    {
        Waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Waiting.Task;
    }

    public void Open() => _gate.TrySetResult();

    private TaskCompletionSource Waiting { get; set; } = Opened();

    public Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request) => ReadAsync(request, long.MaxValue);

    public async Task<ReadStreamResponse> ReadAsync(ReadStreamRequest request, long maxBytes)
    {
        if (request.Limit != 0)
        {
            Waiting.TrySetResult();
            await _gate.Task;
        }

        lock (_lock)
        {
            var response = new ReadStreamResponse { Position = new StreamPosition { Epoch = Epoch, Offset = Top } };
            if (request.Limit == 0)
            {
                return response;
            }

            PublicationReads++;
            long bytes = 0;
            foreach (var publication in _publications.Where(publication => publication.Offset > request.SinceOffset && publication.Offset > TrimmedThrough))
            {
                if (request.Limit > 0 && response.Publications.Count == request.Limit)
                {
                    break;
                }

                if (bytes >= maxBytes)
                {
                    response.Truncated = true;
                    break;
                }

                response.Publications.Add(publication);
                bytes += publication.CalculateSize();
            }

            return response;
        }
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.TrySetResult();
        return opened;
    }
}
