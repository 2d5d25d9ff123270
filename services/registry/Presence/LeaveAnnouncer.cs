using System.Text;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.ServiceDefaults.Grpc;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Registry.Presence;

/// <summary>
/// Tells a channel's other members that a connection left when its edge died (the edge itself can no longer
/// say so): a <c>leave</c> announced through any fanout replica reaches every edge with subscribers.
/// Best effort — presence itself is read from the registry, which is already correct.
/// </summary>
internal sealed class LeaveAnnouncer : IDisposable
{
    private readonly List<(global::Grpc.Net.Client.GrpcChannel Channel, FanoutService.FanoutServiceClient Client)> _fanouts;
    private readonly ILogger<LeaveAnnouncer> _logger;
    private int _next;

    public LeaveAnnouncer(IOptions<RegistryOptions> options, ILogger<LeaveAnnouncer> logger)
    {
        _logger = logger;
        _fanouts = options.Value.FanoutAddresses
            .Select(address => GrpcClientDefaults.CreateChannel(address))
            .Select(channel => (channel, new FanoutService.FanoutServiceClient(channel)))
            .ToList();
    }

    public async Task AnnounceLeaveAsync(ChannelSubscription left, CancellationToken cancellationToken)
    {
        if (_fanouts.Count == 0)
        {
            return;
        }

        var request = new AnnounceRequest
        {
            Presence = new PresenceChange
            {
                Channel = left.Channel,
                Joined = false,
                Info = new ClientInfo
                {
                    User = left.UserId,
                    Client = left.ConnectionId,
                    ConnInfo = ByteString.CopyFrom(Encoding.UTF8.GetBytes(left.ConnInfoJson)),
                },
            },
        };

        var start = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < _fanouts.Count; attempt++)
        {
            var client = _fanouts[(int)((uint)(start + attempt) % (uint)_fanouts.Count)].Client;
            try
            {
                await client.AnnounceAsync(request, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException exception)
            {
                _logger.LeaveAnnouncementFailed(exception, left.Channel);
            }
        }
    }

    public void Dispose()
    {
        foreach (var (channel, _) in _fanouts)
        {
            channel.Dispose();
        }
    }
}
