using System.Net;
using System.Net.Sockets;

namespace Classroom.Micro.Edge.Tests.Discovery;

/// <summary>A DNS the test answers: every name gets the current answer, or fails as not found until one is set.</summary>
internal sealed class ScriptedDns
{
    private IPAddress[]? _answer;
    private int _lookups;

    public int Lookups => Volatile.Read(ref _lookups);

    public void Answer(params string[] addresses) => Volatile.Write(ref _answer, addresses.Select(IPAddress.Parse).ToArray());

    public void FailLookups() => Volatile.Write(ref _answer, null);

    public Task<IPAddress[]> LookupAsync(string hostName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        var answer = Volatile.Read(ref _answer);
        return answer is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(answer);
    }
}
