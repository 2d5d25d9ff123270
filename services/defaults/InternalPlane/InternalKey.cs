using System.Security.Cryptography;
using System.Text;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>The internal key of this deployment, as bytes: what clients send and what servers compare in constant time.</summary>
public sealed class InternalKey
{
    /// <summary>The gRPC call header (metadata) that carries the key.</summary>
    public const string HeaderName = "x-classroom-internal-key";

    private readonly byte[] _bytes;

    /// <summary>Wraps <paramref name="key"/> (its UTF-8 bytes).</summary>
    public InternalKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _bytes = Encoding.UTF8.GetBytes(key);
        Value = key;
    }

    /// <summary>The key as configured; only for the client handler's header.</summary>
    internal string Value { get; }

    /// <summary>Whether <paramref name="presented"/> is this key, compared in time independent of where they differ.</summary>
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(presentedBytes, _bytes);
    }

    /// <summary>A handler that adds the key header to every request sent through <paramref name="inner"/>.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler inner) => new InternalKeyHandler(this) { InnerHandler = inner };

    /// <inheritdoc />
    public override string ToString() => "***";
}
