using System.Security.Cryptography;

namespace Classroom.Micro.AppHost;

/// <summary>Secrets of the local run, fresh on every start; nothing here is ever checked in or reused.</summary>
internal static class LocalSecrets
{
    /// <summary>The internal key (<c>Internal:Key</c>) every service sends and checks on its gRPC calls.</summary>
    public static readonly string InternalKey = RandomNumberGenerator.GetHexString(64, lowercase: true);
}
