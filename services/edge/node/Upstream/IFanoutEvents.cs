using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// Where the fanout links hand what replicas send. An interface only to break the cycle between the links
/// (which receive) and the hubs and handlers (which also use the links).
/// </summary>
internal interface IFanoutEvents
{
    /// <summary>A publication for a channel this edge declared interest in.</summary>
    void OnDelivery(Delivery delivery);

    /// <summary>Where channels stand at a replica, to catch a delivery lost in flight with nothing after it.</summary>
    void OnPositions(PositionReport report);

    /// <summary>A client joined or left a channel this edge has subscribers on.</summary>
    void OnPresence(PresenceChange change);

    /// <summary>A command for every edge about the connections it holds.</summary>
    void OnControl(ControlCommand command);

    /// <summary>A stream was (re)attached or lost: deliveries in flight may be gone, so every channel re-checks its stream.</summary>
    void OnLinkChanged();
}
