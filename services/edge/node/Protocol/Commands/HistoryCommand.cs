namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// <c>history {channel, limit, since, reverse}</c>. The SDK omits <c>limit</c> unless the app asks for publications,
/// so 0 means "only the current stream position".
/// </summary>
internal sealed record HistoryCommand(uint Id, string Channel, int Limit, HistorySince? Since, bool Reverse) : ClientCommand(Id);
