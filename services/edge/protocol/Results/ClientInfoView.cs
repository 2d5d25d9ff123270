namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Who a connection is, as other clients see it (<c>info {user, client, conn_info, chan_info}</c>) in
/// publications, join/leave pushes and presence. <see cref="ConnInfo"/> and <see cref="ChanInfo"/> may be empty.
/// </summary>
internal sealed record ClientInfoView(string User, string Client, RawJson ConnInfo, RawJson ChanInfo);
