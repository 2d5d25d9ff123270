namespace Classroom.Micro.Api.ServerApi;

/// <summary>An HTTP API response: the status (200 also for method-level errors, as Centrifugo answers) and the JSON body.</summary>
internal readonly record struct HttpApiReply(int StatusCode, byte[] Body, int Outcome);
