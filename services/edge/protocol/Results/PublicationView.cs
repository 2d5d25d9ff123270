namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// A publication as the client receives it (<c>pub {data, info, offset, tags}</c>); <see cref="Offset"/> is its
/// gap-free position within the channel's current epoch.
/// </summary>
internal readonly record struct PublicationView(ulong Offset, RawJson Data, ClientInfoView? Info, IReadOnlyDictionary<string, string>? Tags);
