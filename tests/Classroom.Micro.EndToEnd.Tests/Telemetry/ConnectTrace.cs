using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// The trace of one client connection, found from its <c>edge.connect</c> span: the gateway's upgrade request, the
/// edge's connect (auth's <c>ValidateToken</c>) and subscribe (the registry's <c>AddSubscription</c>).
/// </summary>
internal sealed class ConnectTrace
{
    public const string GatewayService = "Classroom.Micro.Gateway";
    public const string EdgeService = "Classroom.Micro.Edge";
    public const string AuthService = "Classroom.Micro.Auth";
    public const string RegistryService = "Classroom.Micro.Registry";

    private readonly TraceTree _tree;

    private ConnectTrace(ReceivedSpan connect, string channel, IReadOnlyList<ReceivedSpan> spans)
    {
        _tree = new TraceTree(spans);
        Connect = connect;
        Gateway = spans.Where(span => span.Service == GatewayService && span.Kind == Span.Types.SpanKind.Server).ToList();
        TokenChecks = spans.Where(span => IsServerCall(span, AuthService, "ValidateToken")).ToList();
        Subscribes = spans.Where(span => span.Name == "edge.subscribe" && span.Service == EdgeService && span.Attribute("messaging.destination.name") == channel).ToList();
        Registrations = spans.Where(span => IsServerCall(span, RegistryService, "AddSubscription")).ToList();
    }

    /// <summary>The edge's <c>edge.connect</c> span.</summary>
    public ReceivedSpan Connect { get; }

    /// <summary>The gateway's server spans (the upgrade request it proxied).</summary>
    public IReadOnlyList<ReceivedSpan> Gateway { get; }

    /// <summary>Auth's server spans of <c>ValidateToken</c>.</summary>
    public IReadOnlyList<ReceivedSpan> TokenChecks { get; }

    /// <summary>The edge's <c>edge.subscribe</c> spans on the connection's channel.</summary>
    public IReadOnlyList<ReceivedSpan> Subscribes { get; }

    /// <summary>The registry's server spans of <c>AddSubscription</c>.</summary>
    public IReadOnlyList<ReceivedSpan> Registrations { get; }

    public IReadOnlyList<ReceivedSpan> Spans => _tree.Spans;

    public IEnumerable<ReceivedSpan> Roots => _tree.Roots;

    public IEnumerable<ReceivedSpan> Orphans => _tree.Orphans;

    public IEnumerable<string> Services => Spans.Select(span => span.Service).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Every expected span arrived, and so did the parent of every span.</summary>
    public bool IsComplete =>
        Gateway.Count > 0 && TokenChecks.Count > 0 && Subscribes.Count > 0 && Registrations.Count > 0 && !Orphans.Any();

    /// <summary>The trace of the connection <paramref name="clientId"/>, which subscribed to <paramref name="channel"/>; null until its connect span arrived.</summary>
    public static ConnectTrace? Find(IReadOnlyList<ReceivedSpan> spans, string clientId, string channel)
    {
        var connect = spans.FirstOrDefault(span => span.Name == "edge.connect" && span.Service == EdgeService && span.Attribute("classroom.client.id") == clientId);
        return connect is null ? null : new ConnectTrace(connect, channel, spans.Where(span => span.TraceId == connect.TraceId).ToList());
    }

    public bool Descends(ReceivedSpan span, ReceivedSpan ancestor) => _tree.Descends(span, ancestor);

    public override string ToString() => $"trace {Connect.TraceId}:\n  {_tree}";

    /// <summary>A gRPC server span of <paramref name="method"/> (named <c>POST /package.Service/Method</c> or <c>package.Service/Method</c>).</summary>
    private static bool IsServerCall(ReceivedSpan span, string service, string method) =>
        span.Service == service && span.Kind == Span.Types.SpanKind.Server && span.Name.EndsWith("/" + method, StringComparison.Ordinal);
}
