namespace Classroom.Micro.Edge.Protocol;

/// <summary>Every error code of the client protocol, with Centrifugo's messages.</summary>
internal static class ClientErrors
{
    public static readonly ClientError Internal = new(100, "internal server error", true);
    public static readonly ClientError Unauthorized = new(101, "unauthorized", false);
    public static readonly ClientError UnknownChannel = new(102, "unknown channel", false);
    public static readonly ClientError PermissionDenied = new(103, "permission denied", false);
    public static readonly ClientError MethodNotFound = new(104, "method not found", false);
    public static readonly ClientError AlreadySubscribed = new(105, "already subscribed", false);
    public static readonly ClientError LimitExceeded = new(106, "limit exceeded", false);
    public static readonly ClientError BadRequest = new(107, "bad request", false);
    public static readonly ClientError NotAvailable = new(108, "not available", false);

    /// <summary>The SDK fetches a new token and retries instead of giving up.</summary>
    public static readonly ClientError TokenExpired = new(109, "token expired", false);

    public static readonly ClientError Expired = new(110, "expired", false);
    public static readonly ClientError TooManyRequests = new(111, "too many requests", true);
    public static readonly ClientError UnrecoverablePosition = new(112, "unrecoverable position", false);
}
