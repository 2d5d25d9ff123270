using System.Threading.Channels;

namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// A socket's bounded queue of encoded replies and pushes. Producers never wait: when the queue is full
/// the client is too slow to keep up, and the session disconnects it (3008) so it can recover, rather than
/// letting memory grow or dropping messages silently.
/// </summary>
internal sealed class OutboundQueue(int capacity)
{
    private readonly Channel<ReadOnlyMemory<byte>> _messages = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Messages waiting to be written.</summary>
    public int Depth => _messages.Reader.Count;

    /// <summary>Enqueues without waiting; false when the queue is full or closed.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> message) => _messages.Writer.TryWrite(message);

    /// <summary>No more messages will be accepted; the writer drains what is queued.</summary>
    public void Complete() => _messages.Writer.TryComplete();

    /// <summary>The single writer loop's view of the queue.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Reader => _messages.Reader;
}
