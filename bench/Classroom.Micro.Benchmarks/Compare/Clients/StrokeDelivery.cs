namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>What a client hands on for each stroke it receives: its order key, sequence and timestamps.</summary>
/// <param name="order">The server's order for it: the stream offset for Classroom.Micro, the sequence plus one for peers without offsets.</param>
/// <param name="sequence">The publisher's sequence number.</param>
/// <param name="sentAt">When the publisher sent it (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
/// <param name="receivedAt">When the frame holding it was read.</param>
internal delegate void StrokeDelivery(ulong order, long sequence, long sentAt, long receivedAt);
