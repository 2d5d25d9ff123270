namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>
/// Judges a <see cref="DeliveryRecord"/> against the delivery guarantee, on what the server sent (the wire, per socket),
/// never on what the SDK emitted (centrifuge 5.7.4 can reorder its own events; that is reported, not judged):
/// <list type="bullet">
/// <item>P1: every acknowledged publication reaches every subscription segment that owes it (its offset is after the
/// segment's start, or it was published after the segment started), and open segments reach the final stream position.</item>
/// <item>P2: no offset twice within a segment (beyond what the SDK asked for again), no body at two positions.</item>
/// <item>P3: pushes only inside a subscription, offsets strictly increasing with no gap the server did not announce,
/// recoveries complete or refused (never partial), one body per (epoch, offset) across every member and the history.</item>
/// <item>P4: every publish attempt ended in an acknowledgement, an error or a timeout.</item>
/// </list>
/// </summary>
internal static class DeliveryHistoryChecker
{
    public static DeliveryVerdict Check(DeliveryRecord record)
    {
        var run = new CheckRun(record);
        foreach (var client in record.Clients)
        {
            run.Walk(client);
        }

        run.AddHistory();
        run.CheckPositions();
        run.CheckAcknowledged();
        run.CheckOutcomes();
        return run.Verdict();
    }

    private sealed class CheckRun(DeliveryRecord record)
    {
        private readonly List<Violation> _violations = [];
        private readonly List<AnnouncedGap> _gaps = [];
        private readonly Dictionary<(string Epoch, long Offset), HashSet<string>> _bodiesAt = [];
        private readonly Dictionary<string, HashSet<(string Epoch, long Offset)>> _positionsOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<SubscriptionSegment>> _segments = new(StringComparer.Ordinal);
        private readonly HashSet<string> _subscribedAtEnd = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _closeCodes = [];
        private int _recoveries;
        private int _recoveredPublications;
        private int _sdkRedeliveries;
        private long? _longestResubscribe;

        public void Walk(ClientRecord client)
        {
            var segments = new List<SubscriptionSegment>();
            _segments[client.Label] = segments;
            SubscriptionSegment? current = null;
            var bodiesSeen = new Dictionary<string, (string Epoch, long Offset)>(StringComparer.Ordinal);
            var active = false;
            long? lostAt = null;

            foreach (var socket in client.Sockets)
            {
                WireEvent? request = null;
                foreach (var wire in socket.Events.Where(wire => wire.Channel is null || wire.Channel == record.Channel))
                {
                    switch (wire.K)
                    {
                        case "subscribe":
                            request = wire;
                            break;
                        case "subscribed":
                            if (active)
                            {
                                Add(GuaranteeProperty.P3Order, client.Label, $"a second subscribe reply at {wire.T} while subscribed");
                            }

                            active = true;
                            if (lostAt is { } since)
                            {
                                _longestResubscribe = Math.Max(_longestResubscribe ?? 0, wire.T - since);
                                lostAt = null;
                            }

                            current = OnSubscribed(client.Label, wire, request, current, segments, bodiesSeen);
                            request = null;
                            break;
                        case "subscribeError":
                            if (wire.Code == 112 && current is not null && current.EndedBy is null)
                            {
                                current.EndedBy = "error 112";
                                _gaps.Add(new AnnouncedGap(client.Label, "error 112", wire.T));
                            }

                            break;
                        case "pub":
                            if (!active || current is null)
                            {
                                Add(GuaranteeProperty.P3Order, client.Label, $"offset {wire.O} ({wire.B}) pushed at {wire.T} outside a subscription");
                                break;
                            }

                            OnPush(client.Label, wire, current, bodiesSeen);
                            break;
                        case "unsubscribed":
                            active = false;
                            lostAt ??= wire.T;
                            break;
                        case "disconnect":
                            active = false;
                            lostAt ??= wire.T;
                            break;
                        default:
                            break;
                    }
                }

                if (socket.CloseCode is { } code)
                {
                    _closeCodes[code] = _closeCodes.GetValueOrDefault(code) + 1;
                }

                if (socket.ClosedAt is { } closedAt)
                {
                    if (active)
                    {
                        lostAt ??= closedAt;
                    }

                    active = false;
                }
            }

            if (active)
            {
                _subscribedAtEnd.Add(client.Label);
            }
        }

        private SubscriptionSegment OnSubscribed(
            string client,
            WireEvent reply,
            WireEvent? request,
            SubscriptionSegment? current,
            List<SubscriptionSegment> segments,
            Dictionary<string, (string Epoch, long Offset)> bodiesSeen)
        {
            var epoch = reply.Epoch ?? string.Empty;
            var publications = reply.Pubs ?? [];
            if (request is { Recover: true } && reply.Recovered)
            {
                _recoveries++;
                _recoveredPublications += publications.Count;
                if (!string.Equals(request.Epoch, epoch, StringComparison.Ordinal))
                {
                    Add(GuaranteeProperty.P3Order, client, $"recovered at {reply.T} from epoch {request.Epoch} into epoch {epoch}");
                }

                var expected = Enumerable.Range(0, (int)Math.Max(0, reply.Offset - request.Offset)).Select(i => request.Offset + 1 + i).ToList();
                if (!publications.Select(publication => publication.O).SequenceEqual(expected))
                {
                    Add(GuaranteeProperty.P3Order, client, $"recovery at {reply.T} from {request.Offset} to {reply.Offset} returned offsets [{Summary(publications.Select(p => p.O))}]");
                }

                if (current is null || !string.Equals(current.Epoch, epoch, StringComparison.Ordinal))
                {
                    current = Open(client, epoch, request.Offset, reply.T, segments);
                }

                if (request.Offset > current.LastOffset)
                {
                    Add(GuaranteeProperty.P3Order, client, $"resumed at {reply.T} after offset {request.Offset} though only {current.LastOffset} was sent");
                }

                if (reply.Offset < current.LastOffset)
                {
                    Add(GuaranteeProperty.P3Order, client, $"the stream went back from {current.LastOffset} to {reply.Offset} in epoch {epoch} (recovered at {reply.T})");
                }

                foreach (var publication in publications)
                {
                    if (publication.O <= current.LastOffset)
                    {
                        // The SDK asked for what it had been sent already (its own position lags the wire); the
                        // server owes it again, but it must be the same body.
                        _sdkRedeliveries++;
                        Observe(client, epoch, publication.O, publication.B, bodiesSeen, redelivery: true);
                        continue;
                    }

                    Receive(client, current, epoch, publication, bodiesSeen);
                }

                current.LastOffset = Math.Max(current.LastOffset, reply.Offset);
                return current;
            }

            if (publications.Count > 0)
            {
                Add(GuaranteeProperty.P3Order, client, $"a subscribe reply at {reply.T} that did not recover carried {publications.Count} publications");
            }

            if (request is { Recover: true } && current is not null && current.EndedBy is null)
            {
                var reason = string.Equals(current.Epoch, epoch, StringComparison.Ordinal)
                    ? $"recovered: false after {current.LastOffset}, now at {reply.Offset}"
                    : $"recovered: false, epoch {current.Epoch} → {epoch}";
                current.EndedBy = reason;
                _gaps.Add(new AnnouncedGap(client, reason, reply.T));
            }
            else if (current is not null && current.EndedBy is null)
            {
                current.EndedBy = "subscribed anew without recovery";
            }

            return Open(client, epoch, reply.Offset, reply.T, segments);
        }

        private void OnPush(string client, WireEvent push, SubscriptionSegment segment, Dictionary<string, (string Epoch, long Offset)> bodiesSeen)
        {
            var expected = segment.LastOffset + 1;
            if (push.O < expected)
            {
                Add(GuaranteeProperty.P2ExactlyOnce, client, $"offset {push.O} ({push.B}) pushed at {push.T} after offset {segment.LastOffset}{(segment.Received.Contains(push.O) ? " (sent before)" : string.Empty)}");
                return;
            }

            if (push.O > expected)
            {
                Add(GuaranteeProperty.P3Order, client, $"unannounced gap: offsets {expected}..{push.O - 1} skipped at {push.T}");
            }

            Receive(client, segment, segment.Epoch, new WirePublication(push.O, push.B), bodiesSeen);
            segment.LastOffset = push.O;
        }

        private void Receive(string client, SubscriptionSegment segment, string epoch, WirePublication publication, Dictionary<string, (string Epoch, long Offset)> bodiesSeen)
        {
            if (!segment.Received.Add(publication.O))
            {
                Add(GuaranteeProperty.P2ExactlyOnce, client, $"offset {publication.O} sent twice in one subscription");
            }

            Observe(client, epoch, publication.O, publication.B, bodiesSeen, redelivery: false);
        }

        private void Observe(string client, string epoch, long offset, string? body, Dictionary<string, (string Epoch, long Offset)> bodiesSeen, bool redelivery)
        {
            body ??= "(no body)";
            if (!_bodiesAt.TryGetValue((epoch, offset), out var bodies))
            {
                bodies = new HashSet<string>(StringComparer.Ordinal);
                _bodiesAt[(epoch, offset)] = bodies;
            }

            bodies.Add(body);
            if (!_positionsOf.TryGetValue(body, out var positions))
            {
                positions = [];
                _positionsOf[body] = positions;
            }

            positions.Add((epoch, offset));
            if (!redelivery && bodiesSeen.TryGetValue(body, out var earlier) && earlier != (epoch, offset))
            {
                Add(GuaranteeProperty.P2ExactlyOnce, client, $"{body} sent at {earlier.Epoch}/{earlier.Offset} and again at {epoch}/{offset}");
            }

            bodiesSeen[body] = (epoch, offset);
        }

        private static SubscriptionSegment Open(string client, string epoch, long offset, long at, List<SubscriptionSegment> segments)
        {
            var segment = new SubscriptionSegment(client, epoch, offset, at);
            segments.Add(segment);
            return segment;
        }

        public void AddHistory()
        {
            if (record.History is not { } history)
            {
                return;
            }

            var seen = new Dictionary<string, (string Epoch, long Offset)>(StringComparer.Ordinal);
            var previous = 0L;
            foreach (var publication in history.Publications)
            {
                if (publication.O <= previous)
                {
                    Add(GuaranteeProperty.P3Order, "history", $"offset {publication.O} after {previous}");
                }

                previous = publication.O;
                Observe("history", history.Epoch, publication.O, publication.B, seen, redelivery: false);
            }
        }

        public void CheckPositions()
        {
            foreach (var ((epoch, offset), bodies) in _bodiesAt.Where(entry => entry.Value.Count > 1))
            {
                Add(GuaranteeProperty.P3Order, "members", $"{epoch}/{offset} carries different bodies: {string.Join(", ", bodies)}");
            }

            foreach (var (body, positions) in _positionsOf.Where(entry => entry.Value.Count > 1))
            {
                Add(GuaranteeProperty.P2ExactlyOnce, "members", $"{body} appended at several positions: {string.Join(", ", positions.Select(p => $"{p.Epoch}/{p.Offset}"))}");
            }
        }

        public void CheckAcknowledged()
        {
            foreach (var (client, segments) in _segments)
            {
                var open = segments.LastOrDefault(segment => segment.EndedBy is null);
                if (!_subscribedAtEnd.Contains(client))
                {
                    Add(GuaranteeProperty.P1Delivered, client, "not subscribed at the end of the run");
                    continue;
                }

                // Publications whose publish failed may trail the stream undelivered until a later one; acknowledged ones may not.
                var lastAcknowledged = open is null ? 0 : record.Publishes
                    .Where(publish => publish.Acknowledged)
                    .SelectMany(publish => _positionsOf.GetValueOrDefault(publish.Body) ?? [])
                    .Where(position => string.Equals(position.Epoch, open.Epoch, StringComparison.Ordinal))
                    .Select(position => position.Offset)
                    .DefaultIfEmpty()
                    .Max();
                if (open is not null && open.LastOffset < lastAcknowledged)
                {
                    Add(GuaranteeProperty.P1Delivered, client, $"stopped at offset {open.LastOffset}; acknowledged publications reach {lastAcknowledged}");
                }

                foreach (var publish in record.Publishes.Where(publish => publish.Acknowledged && publish.Channel == record.Channel))
                {
                    var positions = _positionsOf.GetValueOrDefault(publish.Body);
                    foreach (var segment in segments)
                    {
                        var owed = positions is null
                            ? segment.EndedBy is null && segment.StartedAt < publish.SentAt
                            : positions.Any(position => string.Equals(position.Epoch, segment.Epoch, StringComparison.Ordinal)
                                && position.Offset > segment.StartOffset
                                && (segment.EndedBy is null || position.Offset <= segment.LastOffset));
                        var received = positions is not null && positions.Any(position =>
                            string.Equals(position.Epoch, segment.Epoch, StringComparison.Ordinal) && segment.Received.Contains(position.Offset));
                        if (owed && !received)
                        {
                            Add(GuaranteeProperty.P1Delivered, client, $"acknowledged {publish.Body} ({(positions is null ? "never seen anywhere" : string.Join(", ", positions.Select(p => $"{p.Epoch}/{p.Offset}")))}) missing from the subscription started at {segment.Epoch}/{segment.StartOffset}");
                        }
                    }
                }
            }
        }

        public void CheckOutcomes()
        {
            foreach (var publish in record.Publishes.Where(publish => publish.Outcome is not ("ack" or "error" or "timeout")))
            {
                Add(GuaranteeProperty.P4DefiniteOutcome, publish.Client, $"{publish.Body} ended as '{publish.Outcome}'");
            }
        }

        public DeliveryVerdict Verdict()
        {
            var attempts = record.Publishes.Count;
            var acknowledged = record.Publishes.Count(publish => publish.Acknowledged);
            var seconds = Math.Max(1, record.PublishedAt - record.StartedAt) / 1000.0;
            var sdkInversions = 0;
            var sdkMissing = 0;
            foreach (var client in record.Clients)
            {
                var emitted = client.Sdk.GetValueOrDefault(record.Channel) ?? [];
                sdkInversions += emitted.Zip(emitted.Skip(1)).Count(pair => pair.Second.O <= pair.First.O);
                var emittedBodies = emitted.Select(publication => publication.B).ToHashSet(StringComparer.Ordinal);
                var wireBodies = client.Sockets.SelectMany(socket => socket.Events)
                    .Where(wire => wire.Channel == record.Channel)
                    .SelectMany(wire => wire.K == "pub" ? [new WirePublication(wire.O, wire.B)] : wire.Pubs ?? [])
                    .Select(publication => publication.B)
                    .ToHashSet(StringComparer.Ordinal);
                sdkMissing += wireBodies.Count(body => !emittedBodies.Contains(body));
            }

            var figures = new DeliveryFigures(
                attempts,
                acknowledged,
                record.Publishes.Count(publish => publish.Outcome == "error"),
                record.Publishes.Count(publish => publish.Outcome == "timeout"),
                record.Publishes.Count(publish => !publish.Acknowledged && _positionsOf.ContainsKey(publish.Body)),
                _recoveries,
                _recoveredPublications,
                _sdkRedeliveries,
                sdkInversions,
                sdkMissing,
                record.Clients.Sum(client => client.Sockets.Count),
                _closeCodes,
                acknowledged / seconds,
                _longestResubscribe);
            return new DeliveryVerdict(_violations, _gaps, figures);
        }

        private void Add(GuaranteeProperty property, string client, string detail) => _violations.Add(new Violation(property, client, detail));

        private static string Summary(IEnumerable<long> offsets)
        {
            var list = offsets.ToList();
            return list.Count <= 8 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(4))} … {string.Join(", ", list.TakeLast(3))} ({list.Count})";
        }
    }
}
