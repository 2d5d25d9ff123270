using System.Collections.Concurrent;
using Classroom.Micro.Registry.V1;
using Grpc.Core;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>The registry's answer to "who is subscribed to this channel", set by the test.</summary>
internal sealed class RegistryStub : RegistryService.RegistryServiceClient
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _usersByChannel = new(StringComparer.Ordinal);

    /// <summary>Every channel asked about, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    /// <summary>Puts <paramref name="userId"/> on <paramref name="channel"/>.</summary>
    public void Subscribe(string userId, string channel) =>
        _usersByChannel.GetOrAdd(channel, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[userId] = 0;

    public void Unsubscribe(string userId, string channel)
    {
        if (_usersByChannel.TryGetValue(channel, out var users))
        {
            users.TryRemove(userId, out _);
        }
    }

    public override AsyncUnaryCall<ListChannelSubscriptionsResponse> ListChannelSubscriptionsAsync(ListChannelSubscriptionsRequest request, CallOptions options)
    {
        Asked.Enqueue(request.Channel);
        var response = new ListChannelSubscriptionsResponse();
        if (_usersByChannel.TryGetValue(request.Channel, out var users))
        {
            response.Subscriptions.AddRange(users.Keys.Select((userId, index) => new Subscription
            {
                ConnectionId = $"c{index}-{userId}",
                UserId = userId,
                Channel = request.Channel,
                EdgeId = "edge-test",
            }));
        }

        return new AsyncUnaryCall<ListChannelSubscriptionsResponse>(
            Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }
}
