using Classroom.Micro.Gateway.Routing;
using Classroom.Micro.ServiceDefaults.Emulation;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Classroom.Micro.Gateway.Emulation;

/// <summary>
/// Sends each <c>POST /emulation</c> (a client's commands for an HTTP-streaming or SSE session) to the edge that holds
/// the session, named by the request's <c>node</c> (<see cref="EdgeNodeToken"/>), whichever gateway replica it reached.
/// A step of YARP's proxy pipeline, before load balancing: the owner is the only destination left, healthy or not, since
/// the session lives nowhere else. A body over <see cref="GatewayOptions.MaxEmulationBodyBytes"/>, one without a node,
/// or a node no edge of the pool has are answered here with problem details and never forwarded.
/// </summary>
internal sealed class EmulationRouting(IOptions<GatewayOptions> options, ILogger<EmulationRouting> logger)
{
    private readonly int _maxBodyBytes = options.Value.MaxEmulationBodyBytes;

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!context.Request.Path.Equals(ProxyConfigFactory.EmulationPath, StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await EmulationProblems.TooLargeAsync(context, "Gateway:MaxEmulationBodyBytes");
            return;
        }

        if (!EmulationEnvelope.TryRead(body, out var envelope) || envelope.Node.Length == 0)
        {
            await EmulationProblems.MalformedAsync(context);
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var owner = FindOwner(proxy.AllDestinations, envelope.Node);
        if (owner is null)
        {
            EmulationLog.UnknownNode(logger);
            await Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown edge node",
                detail: "No edge of this gateway's pool holds the session's node; the client reconnects.").ExecuteAsync(context);
            return;
        }

        proxy.AvailableDestinations = owner;
        // The body was read to find the node: the edge gets the very same bytes.
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        await next();
    }

    private static DestinationState? FindOwner(IReadOnlyList<DestinationState> destinations, string node)
    {
        foreach (var destination in destinations)
        {
            if (string.Equals(EdgeNodeToken.For(destination.Model.Config.Address), node, StringComparison.Ordinal))
            {
                return destination;
            }
        }

        return null;
    }
}
