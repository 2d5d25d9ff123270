using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.Publishing;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Telemetry;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Fanout.Grpc;

/// <summary>The gRPC face of the fanout: validation and status codes here, the work in the named collaborators.</summary>
internal sealed class FanoutGrpcService(
    Publisher publisher,
    Announcer announcer,
    ConfirmedStreamReader reader,
    HistoryEraser eraser,
    EdgeSessionRunner sessions,
    FanoutMetrics metrics,
    ILogger<FanoutGrpcService> logger) : FanoutService.FanoutServiceBase
{
    public override async Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context)
    {
        if (PublishRequestValidation.Problem(request) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, problem));
        }

        var publication = new Publication { Data = request.Data, Info = request.Info };
        publication.Tags.Add(request.Tags);
        try
        {
            var position = await publisher.PublishAsync(request.Channel, publication, request.IdempotencyKey);
            return new PublishResponse { Offset = position.Offset, Epoch = position.Epoch };
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            throw StorageStatus(exception, "append");
        }
    }

    public override Task Attach(IAsyncStreamReader<EdgeMessage> requestStream, IServerStreamWriter<FanoutMessage> responseStream, ServerCallContext context) =>
        sessions.RunAsync(requestStream, responseStream, context.CancellationToken);

    public override async Task<ReadStreamResponse> ReadStream(ReadStreamRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Channel))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "channel must not be empty"));
        }

        if (request.Limit < -1)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "limit must be -1 (all), 0 (position only) or positive"));
        }

        StreamSlice slice;
        try
        {
            slice = await reader.ReadAsync(request.Channel, request.SinceOffset, request.Limit, request.Reverse, (int)Math.Min(request.MaxBytes, int.MaxValue), request.BeforeOffset);
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            FanoutLog.RedisFailed(logger, "read", request.Channel, exception);
            metrics.RedisFailed("read");
            throw StorageStatus(exception, "read");
        }

        var response = new ReadStreamResponse
        {
            Position = new StreamPosition { Offset = slice.Position.Offset, Epoch = slice.Position.Epoch },
            FirstRetainedOffset = slice.FirstRetainedOffset,
            Truncated = slice.Truncated,
            Unrecoverable = ReadContinuity.IsUnrecoverable(request, slice),
        };
        response.Publications.AddRange(slice.Publications);
        return response;
    }

    public override async Task<AnnounceResponse> Announce(AnnounceRequest request, ServerCallContext context)
    {
        var problem = request.KindCase switch
        {
            AnnounceRequest.KindOneofCase.Presence when string.IsNullOrEmpty(request.Presence.Channel) => "presence.channel must not be empty",
            AnnounceRequest.KindOneofCase.Control when request.Control.KindCase == ControlCommand.KindOneofCase.None => "control must name a command",
            AnnounceRequest.KindOneofCase.None => "an announcement must carry presence or control",
            _ => null,
        };
        if (problem is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, problem));
        }

        return new AnnounceResponse { Edges = await announcer.AnnounceAsync(request) };
    }

    public override async Task<RemoveHistoryResponse> RemoveHistory(RemoveHistoryRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Channel))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "channel must not be empty"));
        }

        LogPosition position;
        try
        {
            position = await eraser.RemoveAsync(request.Channel);
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            FanoutLog.RedisFailed(logger, "remove history", request.Channel, exception);
            metrics.RedisFailed("remove_history");
            throw StorageStatus(exception, "history removal");
        }

        FanoutLog.HistoryRemoved(logger, request.Channel, position.Epoch, position.Offset);
        return new RemoveHistoryResponse { Position = new StreamPosition { Offset = position.Offset, Epoch = position.Epoch } };
    }

    // Redis exception messages may carry connection details, so only the replication shortfall is passed on.
    private static RpcException StorageStatus(Exception exception, string operation) => exception switch
    {
        ReplicationUnconfirmedException unconfirmed => new RpcException(new Status(StatusCode.Unavailable, unconfirmed.Message)),
        _ when StorageFailures.IsUnavailable(exception) => new RpcException(new Status(StatusCode.Unavailable, $"Redis cannot be reached ({operation})")),
        _ => new RpcException(new Status(StatusCode.Internal, $"Redis failed the {operation}")),
    };
}
