using System.Text;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;

namespace Classroom.Micro.Fanout.Tests.Support;

/// <summary>Small builders for publications and publish requests.</summary>
internal static class Publications
{
    public static Publication Json(string json) => new() { Data = ByteString.CopyFromUtf8(json) };

    public static PublishRequest Request(string channel, string json) =>
        new() { Channel = channel, Data = ByteString.CopyFromUtf8(json) };

    public static string Text(this Publication publication) => Encoding.UTF8.GetString(publication.Data.Span);
}
