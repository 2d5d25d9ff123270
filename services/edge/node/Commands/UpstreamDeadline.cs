using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// The deadline of a call to auth or the registry made for a client command (<see cref="CommandOptions.UpstreamTimeout"/>
/// from now): a hung peer fails the call with DEADLINE_EXCEEDED, which the dispatcher answers with 100 (temporary).
/// </summary>
internal sealed class UpstreamDeadline(IOptions<CommandOptions> options, TimeProvider time)
{
    public DateTime Next() => time.GetUtcNow().UtcDateTime + options.Value.UpstreamTimeout;
}
