using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Control;

/// <summary>Routes what the fanout links receive: channel traffic to the hubs, control commands to their handler.</summary>
internal sealed class FanoutEventRouter(ChannelHubs hubs, ControlCommandHandler control) : IFanoutEvents
{
    public void OnDelivery(Delivery delivery) => hubs.OnDelivery(delivery);

    public void OnPositions(PositionReport report) => hubs.OnPositions(report);

    public void OnPresence(PresenceChange change) => hubs.OnPresence(change);

    public void OnControl(ControlCommand command) => control.Handle(command);

    public void OnLinkChanged() => hubs.OnLinkChanged();
}
