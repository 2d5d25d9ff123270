namespace Classroom.Micro.Auth.Permissions;

/// <summary>What a connection wants to do on a channel.</summary>
internal enum ChannelOperation
{
    Subscribe,
    Publish,
    History,
    Presence,
}
