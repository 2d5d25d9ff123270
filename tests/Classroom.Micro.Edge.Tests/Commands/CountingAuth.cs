using Classroom.Micro.Auth.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>An auth client that answers every channel question with <see cref="Decision"/> (and <see cref="Cacheable"/>) and counts the questions.</summary>
internal sealed class CountingAuth : AuthService.AuthServiceClient
{
    public ChannelDecision Decision { get; set; } = ChannelDecision.Allowed;

    /// <summary>What auth says about keeping an allowed answer.</summary>
    public bool Cacheable { get; set; } = true;

    public int Questions { get; private set; }

    /// <summary>The deadline of the last question.</summary>
    public DateTime? Deadline { get; private set; }

    public override AsyncUnaryCall<AuthorizeChannelResponse> AuthorizeChannelAsync(AuthorizeChannelRequest request, CallOptions options)
    {
        Questions++;
        Deadline = options.Deadline;
        return new AsyncUnaryCall<AuthorizeChannelResponse>(
            Task.FromResult(new AuthorizeChannelResponse { Decision = Decision, Cacheable = Cacheable }),
            Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess,
            () => [],
            () => { });
    }

    public override AsyncUnaryCall<AuthorizeChannelResponse> AuthorizeChannelAsync(AuthorizeChannelRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
        AuthorizeChannelAsync(request, new CallOptions(headers, deadline, cancellationToken));
}
