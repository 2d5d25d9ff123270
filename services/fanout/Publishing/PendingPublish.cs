using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// A publish waiting for its channel's next append: the publication, its idempotency key, the trace context its
/// deliveries carry (empty when the publish is not sampled) and where its caller waits for the position.
/// </summary>
internal sealed class PendingPublish(Publication publication, string? idempotencyKey, string traceparent)
{
    private readonly TaskCompletionSource<LogPosition> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Publication Publication { get; } = publication;

    public string? IdempotencyKey { get; } = idempotencyKey;

    public string Traceparent { get; } = traceparent;

    /// <summary>Completes once the publication is appended durably (and queued to the edges), or failed.</summary>
    public Task<LogPosition> Completion => _done.Task;

    public void Succeed(LogPosition position) => _done.TrySetResult(position);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
