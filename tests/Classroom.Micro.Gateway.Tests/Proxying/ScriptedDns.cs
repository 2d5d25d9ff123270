using System.Net;
using System.Net.Sockets;

namespace Classroom.Micro.Gateway.Tests.Proxying;

/// <summary>A DNS the test answers (no test can change real DNS): every name gets the current answer, or is not found.</summary>
internal sealed class ScriptedDns
{
    private IPAddress[]? _answer;

    public void Answer(params IPAddress[] addresses) => Volatile.Write(ref _answer, addresses);

    public Task<IPAddress[]> LookupAsync(string hostName, CancellationToken cancellationToken)
    {
        var answer = Volatile.Read(ref _answer);
        return answer is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(answer);
    }
}
