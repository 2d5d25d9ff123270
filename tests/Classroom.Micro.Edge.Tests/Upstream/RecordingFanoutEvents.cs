using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>Counts how often the links said a stream was attached or lost; ignores what replicas send.</summary>
internal sealed class RecordingFanoutEvents : IFanoutEvents
{
    private int _linkChanges;

    public int LinkChanges => Volatile.Read(ref _linkChanges);

    public void OnDelivery(Delivery delivery)
    {
    }

    public void OnPositions(PositionReport report)
    {
    }

    public void OnPresence(PresenceChange change)
    {
    }

    public void OnControl(ControlCommand command)
    {
    }

    public void OnLinkChanged() => Interlocked.Increment(ref _linkChanges);
}
