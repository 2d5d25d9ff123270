namespace Classroom.Micro.Edge.Connections;

/// <summary>What became of a message offered to an <see cref="OutboundQueue"/>.</summary>
internal enum EnqueueOutcome
{
    /// <summary>Queued; a writer is already scheduled.</summary>
    Queued,

    /// <summary>Queued into an idle queue: the caller must schedule the socket's writer.</summary>
    QueuedStartWriter,

    /// <summary>Over the count or byte bound: the client is too slow.</summary>
    Full,

    /// <summary>The queue was completed; nothing more is written.</summary>
    Closed,
}

/// <summary>What the socket's writer is to do next (<see cref="OutboundQueue.TakeBatch"/>).</summary>
internal enum WriterStep
{
    /// <summary>Write the batch it was given, then ask again.</summary>
    WriteBatch,

    /// <summary>The queue is completed and drained: write the close frame (once), then stop.</summary>
    WriteClose,

    /// <summary>Nothing is pending: stop; the next enqueue schedules a writer again.</summary>
    Idle,
}

/// <summary>
/// A socket's bounded queue of encoded replies and pushes, with no task, channel or buffer of its own while idle.
/// Producers never wait: the first message into an empty queue tells its producer to schedule the socket's writer,
/// which takes everything pending at once (<see cref="TakeBatch"/>) and coalesces it into one frame. A queue over its
/// message count or its bytes means the client cannot keep up, and the session disconnects it (3008) so it can
/// recover, rather than letting memory grow or dropping messages silently.
/// </summary>
/// <remarks>The messages are shared, read-only bytes (one publication's push goes to every subscriber): never copied here.</remarks>
internal sealed class OutboundQueue(int maxMessages, int maxBytes)
{
    // A batch list that grew past this after a burst is dropped rather than kept for the socket's life.
    private const int RetainedListCapacity = 64;

    private readonly Lock _gate = new();
    private List<ReadOnlyMemory<byte>>? _pending;
    private List<ReadOnlyMemory<byte>>? _spare;
    private int _pendingBytes;
    private bool _writerScheduled;
    private bool _completed;
    private bool _closeTaken;

    /// <summary>Messages waiting to be written (not counting a batch being written).</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _pending?.Count ?? 0;
            }
        }
    }

    /// <summary>Bytes waiting to be written (not counting a batch being written).</summary>
    public int PendingBytes
    {
        get
        {
            lock (_gate)
            {
                return _pendingBytes;
            }
        }
    }

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Queues without waiting.</summary>
    public EnqueueOutcome TryEnqueue(ReadOnlyMemory<byte> message)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueOutcome.Closed;
            }

            var count = _pending?.Count ?? 0;
            // A message larger than the byte bound alone still goes when nothing else waits, or it could never be sent.
            if (count >= maxMessages || (count > 0 && _pendingBytes + message.Length > maxBytes))
            {
                return EnqueueOutcome.Full;
            }

            _pending ??= TakeSpare();
            _pending.Add(message);
            _pendingBytes += message.Length;
            return ScheduleWriter() ? EnqueueOutcome.QueuedStartWriter : EnqueueOutcome.Queued;
        }
    }

    /// <summary>No more messages are accepted; what is queued is still written, then the close. True when the caller must schedule the writer.</summary>
    public bool Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            return ScheduleWriter();
        }
    }

    /// <summary>
    /// The writer's next step. <see cref="WriterStep.WriteBatch"/> hands over everything pending in <paramref name="batch"/>,
    /// which the writer gives back with <see cref="Recycle"/> once written.
    /// </summary>
    public WriterStep TakeBatch(out List<ReadOnlyMemory<byte>>? batch)
    {
        lock (_gate)
        {
            if (_pending is { Count: > 0 })
            {
                batch = _pending;
                _pending = null;
                _pendingBytes = 0;
                return WriterStep.WriteBatch;
            }

            batch = null;
            if (_completed && !_closeTaken)
            {
                _closeTaken = true;
                return WriterStep.WriteClose;
            }

            _writerScheduled = false;
            return WriterStep.Idle;
        }
    }

    /// <summary>Returns a written batch for reuse, unless a burst grew it.</summary>
    public void Recycle(List<ReadOnlyMemory<byte>> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Only the shared bytes' references go: the messages themselves belong to their producers.
        batch.Clear();
        if (batch.Capacity > RetainedListCapacity)
        {
            return;
        }

        lock (_gate)
        {
            _spare ??= batch;
        }
    }

    private List<ReadOnlyMemory<byte>> TakeSpare()
    {
        var spare = _spare;
        _spare = null;
        return spare ?? new List<ReadOnlyMemory<byte>>(4);
    }

    /// <summary>Marks the writer scheduled; true when it was not (the caller schedules it). Under the gate.</summary>
    private bool ScheduleWriter()
    {
        if (_writerScheduled)
        {
            return false;
        }

        _writerScheduled = true;
        return true;
    }
}
