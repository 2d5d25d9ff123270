using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// <c>classroom_edge_limit_refusals_total{limit}</c>: every time a per-connection, per-user or per-address limit
/// refused a command or closed a connection, by limit (never by user, address or channel).
/// </summary>
internal sealed class LimitMetrics(ServiceTelemetry telemetry)
{
    public const string Subscriptions = "subscriptions";
    public const string ConnectionsPerUser = "connections_per_user";
    public const string ConnectionsPerAddress = "connections_per_address";
    public const string CommandRate = "command_rate";
    public const string UserCommandRate = "user_command_rate";
    public const string RateDisconnect = "rate_disconnect";
    public const string Errors = "errors";
    public const string PublicationSize = "publication_size";

    private readonly Counter<long> _refusals = telemetry.Meter.CreateCounter<long>(
        "classroom.edge.limit_refusals", description: "Commands refused or connections closed by an edge limit, by limit");

    public void Refused(string limit) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
