namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>What a client hands on for each stroke it receives: its order key, sequence and timestamps.</summary>
/// <param name="Order">The server's order for it: the stream offset for Classroom.Micro, the sequence plus one for peers without offsets.</param>
/// <param name="Sequence">The publisher's sequence number.</param>
/// <param name="SentAt">When the publisher sent it (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
/// <param name="ReceivedAt">When the frame holding it was read.</param>
internal delegate void StrokeDelivery(ulong Order, long Sequence, long SentAt, long ReceivedAt);
