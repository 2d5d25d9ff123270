namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>Puts this service's caller assertion on every outgoing gRPC call (the <c>authorization</c> header).</summary>
internal sealed class CallerAssertionHandler(CallerCredential credential) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(CallerCredential.HeaderName);
        request.Headers.TryAddWithoutValidation(CallerCredential.HeaderName, credential.HeaderValue());
        return base.SendAsync(request, cancellationToken);
    }
}
