using System.ComponentModel.DataAnnotations;
using Classroom.Micro.ServiceDefaults.Discovery;

namespace Classroom.Micro.Edge.Configuration;

/// <summary>Settings of an edge node. Bound from the <c>Edge</c> section and validated at start.</summary>
public sealed class EdgeOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge";

    /// <summary>Unique id of this edge node; generated per process when empty.</summary>
    public string? NodeId { get; set; }

    /// <summary>The auth service's gRPC endpoint.</summary>
    [Required]
    public Uri AuthAddress { get; set; } = new("http://127.0.0.1:7101");

    /// <summary>The registry service's gRPC endpoint.</summary>
    [Required]
    public Uri RegistryAddress { get; set; } = new("http://127.0.0.1:7201");

    /// <summary>
    /// The fanout replicas' gRPC endpoints; the edge keeps one stream to each. Every entry is a fixed address
    /// (<c>http://host:port</c>) or <c>dns:///name:port</c>, a name (a headless Service) whose addresses are looked up
    /// every <c>Discovery:RefreshInterval</c>: replicas that appear are attached, replicas that leave are dropped.
    /// </summary>
    [MinLength(1)]
    public List<Uri> FanoutAddresses { get; set; } = [];

    /// <summary>Replies and pushes queued per socket before the client is disconnected as slow (3008).</summary>
    [Range(16, 1_000_000)]
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Bytes queued per socket before the client is disconnected as slow (3008), whichever of this and
    /// <see cref="OutboundQueueCapacity"/> is reached first. A single message larger than this is still sent when
    /// nothing else waits.
    /// </summary>
    [Range(16 * 1024, 1024 * 1024 * 1024)]
    public int OutboundQueueBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest frame a client may send; larger closes with 1009.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>How often the server pings; a client silent for this plus <see cref="PongGrace"/> is closed with 3012.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Extra time a client has to answer a ping.</summary>
    public TimeSpan PongGrace { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long past its token's expiry a connection stays open, so that a refresh the SDK sends at the expiry still
    /// lands; then it is closed with 3005.
    /// </summary>
    public TimeSpan ExpiredCloseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the edge's one heartbeat visits every connection for pings, the pong and connect deadlines and
    /// the close cut-off; these fire up to this much late.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a new socket may take to send a valid connect command.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a delivery may wait for an earlier offset before the gap is filled from the stream.</summary>
    public TimeSpan GapFillDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How long a subscribe waits for fanout replicas to acknowledge the channel before it proceeds.</summary>
    public TimeSpan InterestAckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a join may wait for its channel hub (interest acknowledged, position read). Shorter than
    /// <see cref="JoinTimeout"/>, so the join is abandoned (and the hub sends nothing for it) before the subscribe
    /// handler answers the client with an error.
    /// </summary>
    public TimeSpan JoinDeadline { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a subscribe command waits for its join before answering the client 100 (temporary).</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bounds a teacher action's announcement to the other edges, independently of the caller's connection: once
    /// auth recorded the action, the other edges must hear of it even if the caller has gone.
    /// </summary>
    public TimeSpan AnnounceTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most publications a recovering subscriber is sent in its subscribe reply.</summary>
    [Range(1, 100_000)]
    public int MaxRecoveredPublications { get; set; } = 20_000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EndpointTarget.Validate(FanoutAddresses, nameof(FanoutAddresses));
}
