using System.IO.Pipelines;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Transports;

/// <summary>What became of a frame of commands posted to <c>/emulation</c>.</summary>
internal enum EmulationOutcome
{
    /// <summary>The commands ran (their replies go out on the stream).</summary>
    Delivered,

    /// <summary>Too many emulation requests of the session wait already: the client is disconnected (3013).</summary>
    Busy,

    /// <summary>The session has ended.</summary>
    Closed,
}

/// <summary>
/// Centrifugo's bidirectional emulation: the server's frames flow down one long HTTP response (HTTP-streaming or
/// SSE, <see cref="WriteFrame"/> frames them), the client's commands come up as separate <c>POST /emulation</c>
/// requests naming the <see cref="Session"/>. Those run one request at a time, in arrival order, exactly as the frames
/// of a WebSocket do. The disconnect code travels as a <c>disconnect</c> push before the response ends.
/// </summary>
internal abstract class EmulatedTransport : ClientTransport
{
    /// <summary>Emulation requests of one session that may wait for the one before them; more means a misbehaving client.</summary>
    internal const int MaxWaitingRequests = 32;

    private readonly HttpContext _context;
    private readonly PipeWriter _body;
    private readonly byte[] _connectFrame;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _previousRequest = Task.CompletedTask;
    private ClientSession? _session;
    private CommandDispatcher? _dispatcher;
    private int _waiting;
    private int _detached;

    protected EmulatedTransport(HttpContext context, byte[] connectFrame, string session, string? node)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _body = context.Response.BodyWriter;
        _connectFrame = connectFrame;
        Session = session;
        Node = node;
    }

    public override string Session { get; }

    public override string? Node { get; }

    /// <summary>Sets the response up to stream: status, content type, no caching or buffering by any proxy; sends the headers.</summary>
    public static async Task StartStreamAsync(HttpContext context, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate, max-age=0";
        context.Response.Headers.Pragma = "no-cache";
        // nginx-style proxies buffer responses unless told not to; a buffered stream delivers nothing until it ends.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public override async Task ReceiveAsync(ClientSession session, CommandDispatcher dispatcher)
    {
        Volatile.Write(ref _dispatcher, dispatcher);
        Volatile.Write(ref _session, session);
        // The connect command came with the request that opened the stream.
        await DeliverAsync(_connectFrame);
        await _ended.Task;
    }

    /// <summary>Runs a frame of commands posted to <c>/emulation</c> for this session, after those posted before it.</summary>
    public async Task<EmulationOutcome> DeliverAsync(ReadOnlyMemory<byte> frame)
    {
        var session = Volatile.Read(ref _session);
        if (session is null || session.IsClosed)
        {
            return EmulationOutcome.Closed;
        }

        if (Interlocked.Increment(ref _waiting) > MaxWaitingRequests)
        {
            Interlocked.Decrement(ref _waiting);
            session.Disconnect(Disconnects.TooManyRequests);
            return EmulationOutcome.Busy;
        }

        // Requests run in arrival order, each after the one before it finished (a FIFO without a disposable lock).
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Interlocked.Exchange(ref _previousRequest, done.Task);
        try
        {
            await previous;
            try
            {
                if (session.IsClosed)
                {
                    return EmulationOutcome.Closed;
                }

                if (frame.Length > session.MaxFrameBytes)
                {
                    session.Disconnect(Disconnects.MessageTooBig);
                    return EmulationOutcome.Delivered;
                }

                List<ClientCommand> commands = [];
                if (session.AcceptFrame(frame.Span, commands))
                {
                    await session.DispatchAsync(Volatile.Read(ref _dispatcher)!, commands);
                }

                return EmulationOutcome.Delivered;
            }
            finally
            {
                done.SetResult();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> frame)
    {
        if (Volatile.Read(ref _detached) == 1)
        {
            throw new IOException("The stream's request has ended.");
        }

        WriteFrame(_body, frame.Span);
        var flushed = await _body.FlushAsync();
        if (flushed.IsCompleted || flushed.IsCanceled)
        {
            throw new IOException("The client closed the stream.");
        }
    }

    public override async Task CloseAsync(DisconnectReason reason, CancellationToken cancellation)
    {
        try
        {
            if (Volatile.Read(ref _detached) == 0 && !_context.RequestAborted.IsCancellationRequested)
            {
                // The stream's end alone reads as "transport closed" to the SDK: the push carries the real code.
                WriteFrame(_body, ProtocolWriter.DisconnectPush(reason));
                await _body.FlushAsync(cancellation);
            }
        }
        finally
        {
            // Returning from the request ends the response: nothing more is written after the disconnect.
            _ended.TrySetResult();
        }
    }

    public override void Abort()
    {
        // After the request ended its HttpContext may already serve another request: never touch it then.
        if (Volatile.Read(ref _detached) == 0)
        {
            _context.Abort();
        }

        _ended.TrySetResult();
    }

    /// <summary>The stream's request is over: a writer that outlived it (stuck past its grace) no longer writes or aborts.</summary>
    public void Detach()
    {
        Volatile.Write(ref _detached, 1);
        _ended.TrySetResult();
    }

    /// <summary>Writes one frame in the transport's framing (not yet flushed).</summary>
    protected abstract void WriteFrame(PipeWriter body, ReadOnlySpan<byte> frame);
}
