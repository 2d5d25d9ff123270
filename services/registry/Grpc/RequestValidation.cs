using Grpc.Core;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>Rejects requests missing a required field, naming the field as it is spelled in the proto.</summary>
internal static class RequestValidation
{
    public static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required"));
        }
    }

    /// <summary>
    /// A channel name is the hash tag of its keys; a brace in it would move the tag (or empty it, spreading the
    /// channel's keys over several cluster slots).
    /// </summary>
    public static void RequireChannel(string value, string field)
    {
        Require(value, field);
        if (value.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must not contain '{{' or '}}'"));
        }
    }
}
