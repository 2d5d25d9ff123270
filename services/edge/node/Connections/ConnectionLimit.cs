namespace Classroom.Micro.Edge.Connections;

/// <summary>Which connection limit refused a connect, if any.</summary>
internal enum ConnectionLimit
{
    None,
    PerUser,
    PerAddress,
}
