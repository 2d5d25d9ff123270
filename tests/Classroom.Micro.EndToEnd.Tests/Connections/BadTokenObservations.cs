using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classroom.Micro.EndToEnd.Tests.Connections;

/// <summary>The final line of <c>bad-tokens.mjs</c>: how each connect attempt ended.</summary>
internal sealed record BadTokenResult(
    ConnectAttempt Valid,
    [property: JsonPropertyName("bad_signature")] ConnectAttempt BadSignature,
    ConnectAttempt Expired,
    [property: JsonPropertyName("alg_none")] ConnectAttempt AlgNone);

/// <summary>One connect attempt: <c>connected</c>, <c>disconnected</c> (with the SDK's code) or <c>timeout</c>.</summary>
internal sealed record ConnectAttempt(
    string Outcome,
    string? Client,
    int? Code,
    string? Reason,
    IReadOnlyList<AttemptError> Errors,
    IReadOnlyList<JsonElement> Disconnects,
    IReadOnlyList<int> CloseCodes,
    int? GetTokenCalls)
{
    /// <summary>Every error and disconnect code the client saw, in a form for messages.</summary>
    public override string ToString() =>
        $"{Outcome} code={Code} reason={Reason} errors=[{string.Join(", ", Errors.Select(e => $"{e.Type}:{e.Code}"))}] closeCodes=[{string.Join(", ", CloseCodes)}] getTokenCalls={GetTokenCalls}";
}

/// <summary>An <c>error</c> event of the SDK client.</summary>
internal sealed record AttemptError(string Type, int? Code, string? Message);
