using System.Net;
using System.Net.Sockets;

namespace Classroom.Micro.Testing;

/// <summary>
/// A DNS the test answers (no test can change real DNS): every name gets the current answer, or fails as not found
/// until one is set.
/// </summary>
public sealed class ScriptedDns
{
    private IPAddress[]? _answer;
    private int _lookups;

    /// <summary>How many lookups were made.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Answers every later lookup with <paramref name="addresses"/>.</summary>
    public void Answer(params string[] addresses) => Answer(addresses.Select(IPAddress.Parse).ToArray());

    /// <summary>Answers every later lookup with <paramref name="addresses"/>.</summary>
    public void Answer(params IPAddress[] addresses) => Volatile.Write(ref _answer, addresses);

    /// <summary>Fails every later lookup as not found.</summary>
    public void FailLookups() => Volatile.Write(ref _answer, null);

    /// <summary>The lookup, in the shape of <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>.</summary>
    public Task<IPAddress[]> LookupAsync(string hostName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        var answer = Volatile.Read(ref _answer);
        return answer is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(answer);
    }
}
