namespace Classroom.Micro.Registry.Storage;

/// <summary>The part of a key Redis Cluster hashes to pick its slot.</summary>
internal static class HashTag
{
    /// <summary>The text inside the first <c>{…}</c> when it is not empty, otherwise the whole key (the cluster spec's rule).</summary>
    public static string Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                return key[(open + 1)..close];
            }
        }

        return key;
    }
}
