namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// <c>connect {token, data, name, version, subs}</c>; absent strings are null. <see cref="Subs"/> holds the client's
/// positions in its server-side subscriptions (empty on a first connect).
/// </summary>
internal sealed record ConnectCommand(uint Id, string? Token, string? Name, string? Version, RawJson Data) : ClientCommand(Id)
{
    /// <summary>A connect without server-side subscription positions.</summary>
    public static IReadOnlyDictionary<string, ServerSubPosition> NoSubs { get; } = new Dictionary<string, ServerSubPosition>();

    public IReadOnlyDictionary<string, ServerSubPosition> Subs { get; init; } = NoSubs;

    public bool Equals(ConnectCommand? other) =>
        other is not null
        && Id == other.Id
        && Token == other.Token
        && Name == other.Name
        && Version == other.Version
        && Data == other.Data
        && Subs.Count == other.Subs.Count
        && Subs.All(entry => other.Subs.TryGetValue(entry.Key, out var position) && position == entry.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Token, Name, Version, Data, Subs.Count);
}
