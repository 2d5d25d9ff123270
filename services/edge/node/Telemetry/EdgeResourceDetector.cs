using Classroom.Micro.Edge.Configuration;
using OpenTelemetry.Resources;

namespace Classroom.Micro.Edge.Telemetry;

/// <summary>Names every span, metric and log of this process after its edge node id (<c>service.instance.id</c>).</summary>
internal sealed class EdgeResourceDetector(EdgeIdentity identity) : IResourceDetector
{
    public Resource Detect() => new([new KeyValuePair<string, object>("service.instance.id", identity.NodeId)]);
}
