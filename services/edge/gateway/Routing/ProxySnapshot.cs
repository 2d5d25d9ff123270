using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Classroom.Micro.Gateway.Routing;

/// <summary>One immutable YARP configuration; <see cref="ChangeToken"/> fires when the edge pool it was built from changed.</summary>
internal sealed record ProxySnapshot(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters, IChangeToken ChangeToken) : IProxyConfig;
