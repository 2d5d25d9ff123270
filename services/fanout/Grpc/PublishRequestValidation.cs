using Classroom.Micro.Fanout.Publishing;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Grpc;

/// <summary>What makes a publish acceptable, as the message of an InvalidArgument naming the field.</summary>
internal static class PublishRequestValidation
{
    /// <summary>Null when valid, otherwise which field is wrong and why.</summary>
    public static string? Problem(PublishRequest request)
    {
        if (string.IsNullOrEmpty(request.Channel))
        {
            return "channel must not be empty";
        }

        if (!JsonPayload.IsValid(request.Data.Span))
        {
            return "data must be valid JSON";
        }

        if (request.Info is { } info)
        {
            if (!info.ConnInfo.IsEmpty && !JsonPayload.IsValid(info.ConnInfo.Span))
            {
                return "info.conn_info must be empty or valid JSON";
            }

            if (!info.ChanInfo.IsEmpty && !JsonPayload.IsValid(info.ChanInfo.Span))
            {
                return "info.chan_info must be empty or valid JSON";
            }
        }

        return null;
    }
}
