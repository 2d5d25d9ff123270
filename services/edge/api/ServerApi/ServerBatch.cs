using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// <c>batch</c>: several commands in one call, as Centrifugo runs them. Each command succeeds or fails on its own and
/// the replies keep command order; one after another by default, or at most <see cref="ParallelCommands"/> at a time
/// with <c>parallel</c>. A batch cannot contain a batch.
/// </summary>
internal sealed class ServerBatch(ServerApiDispatcher dispatcher)
{
    /// <summary>Most commands one batch may carry.</summary>
    public const int MaxCommands = 1000;

    private const int ParallelCommands = 8;

    public Task<ApiOutcome<BatchResult>> RunAsync(BatchRequest request, CancellationToken cancellation) =>
        RunAsync([.. request.Commands.Select(command => (BatchEntry)command)], request.Parallel, cancellation);

    public async Task<ApiOutcome<BatchResult>> RunAsync(IReadOnlyList<BatchEntry> entries, bool parallel, CancellationToken cancellation)
    {
        if (entries.Count > MaxCommands)
        {
            return ApiErrors.BadRequest($"commands must be at most {MaxCommands}");
        }

        var replies = new Reply[entries.Count];
        if (parallel)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelCommands, CancellationToken = cancellation };
            await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), options, async (index, token) =>
                replies[index] = await ReplyAsync(entries[index], token));
        }
        else
        {
            for (var index = 0; index < entries.Count; index++)
            {
                replies[index] = await ReplyAsync(entries[index], cancellation);
            }
        }

        var result = new BatchResult();
        result.Replies.AddRange(replies);
        return result;
    }

    private async Task<Reply> ReplyAsync(BatchEntry entry, CancellationToken cancellation)
    {
        if (entry.Error is { } refused)
        {
            return Failed(refused);
        }

        var outcome = await dispatcher.RunAsync(entry.Command!, cancellation);
        return outcome.Error is { } error ? Failed(error) : outcome.Result!;
    }

    private static Reply Failed(ApiError error) => new() { Error = new Error { Code = (uint)error.Code, Message = error.Message } };
}
