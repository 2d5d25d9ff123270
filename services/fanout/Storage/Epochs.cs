using System.Security.Cryptography;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>Candidate epochs: random, so a stream recreated after data loss never reuses its old epoch by chance.</summary>
internal static class Epochs
{
    /// <summary>48 random bits as 12 lowercase hex characters.</summary>
    public static string NewCandidate() => RandomNumberGenerator.GetHexString(12, lowercase: true);
}
