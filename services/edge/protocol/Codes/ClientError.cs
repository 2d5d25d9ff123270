namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// An error reply (<c>error {code, message, temporary}</c>). The SDK retries a failed connect, subscribe or refresh
/// only when <see cref="Temporary"/> is set, the code is below 100, or the code is 109 (token expired).
/// </summary>
internal readonly record struct ClientError(int Code, string Message, bool Temporary);
