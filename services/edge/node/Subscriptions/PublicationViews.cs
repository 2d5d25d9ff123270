using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>Maps fanout's protobuf publications to the client protocol's view, without copying payload bytes.</summary>
internal static class PublicationViews
{
    public static PublicationView From(Publication publication)
    {
        var info = publication.Info is { } source
            ? new ClientInfoView(source.User, source.Client, RawJson.FromTrusted(source.ConnInfo.Memory), RawJson.FromTrusted(source.ChanInfo.Memory))
            : null;
        var tags = publication.Tags.Count > 0 ? publication.Tags : null;
        return new PublicationView(publication.Offset, RawJson.FromTrusted(publication.Data.Memory), info, tags);
    }
}
