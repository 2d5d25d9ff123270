namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>Puts the internal key on every outgoing gRPC call (as the <see cref="InternalKey.HeaderName"/> header).</summary>
internal sealed class InternalKeyHandler(InternalKey key) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(InternalKey.HeaderName);
        request.Headers.TryAddWithoutValidation(InternalKey.HeaderName, key.Value);
        return base.SendAsync(request, cancellationToken);
    }
}
