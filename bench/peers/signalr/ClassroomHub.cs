using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Classroom.Micro.Benchmarks.Peers.SignalR;

/// <summary>
/// A classroom as the SignalR documentation would have one: a group per classroom; a stroke goes to the whole group,
/// the publisher included (as a Classroom.Micro publication reaches its publisher), through the Redis backplane.
/// </summary>
internal sealed class ClassroomHub : Hub
{
    /// <summary>The client method every member's strokes arrive on.</summary>
    public const string StrokeMethod = "stroke";

    public Task Join(string classroom) => Groups.AddToGroupAsync(Context.ConnectionId, classroom);

    public Task Publish(string classroom, JsonElement stroke) => Clients.Group(classroom).SendAsync(StrokeMethod, stroke);
}
