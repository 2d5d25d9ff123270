namespace Classroom.Micro.Auth.Permissions;

internal enum AccessDecision
{
    Allowed,

    /// <summary>The channel exists but this principal may not do this on it (client error 103).</summary>
    Denied,

    /// <summary>No such namespace, or a name that does not fit its namespace (client error 102).</summary>
    UnknownChannel,
}
