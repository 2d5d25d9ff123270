namespace Classroom.Micro.Auth.DevTokens;

/// <summary>The answer of <c>POST /dev/token</c>.</summary>
/// <param name="Token">A compact HS256 JWT.</param>
internal sealed record DevTokenResponse(string Token);
