namespace Classroom.Micro.Benchmarks.Target;

/// <summary>A service whose memory the benchmark samples: by process id (RSS) and/or its <c>/metrics</c> endpoint.</summary>
/// <param name="Name">e.g. <c>edge-0</c> or <c>gateway</c>.</param>
/// <param name="IsEdge">True for edges: their memory per connection is what the connections scenario measures.</param>
/// <param name="Pid">Its process id when it runs on this machine and is known.</param>
/// <param name="HttpAddress">Its HTTP/1.1 base address (serving <c>/metrics</c>), when known.</param>
internal sealed record MonitoredService(string Name, bool IsEdge, int? Pid, Uri? HttpAddress);
