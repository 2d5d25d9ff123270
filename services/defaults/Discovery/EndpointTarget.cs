using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>
/// One entry of an address list: a fixed <c>http(s)://host:port</c> address, used as it is, or <c>dns:///name:port</c>
/// (gRPC's naming; <c>dns:name:port</c> too), whose A/AAAA records are looked up again and again, each address becoming
/// an endpoint <c>http://address:port/</c>. Meant for a Kubernetes headless Service, whose name resolves to its ready pods.
/// </summary>
public sealed class EndpointTarget
{
    /// <summary>The scheme of entries that are looked up in DNS.</summary>
    public const string DnsScheme = "dns";

    private EndpointTarget(Uri? address, string? hostName, int port)
    {
        Address = address;
        HostName = hostName;
        Port = port;
    }

    /// <summary>The fixed address, or null for a DNS entry.</summary>
    public Uri? Address { get; }

    /// <summary>The name to look up, or null for a fixed address.</summary>
    public string? HostName { get; }

    /// <summary>The port of every endpoint a DNS entry resolves to.</summary>
    public int Port { get; }

    /// <summary>True when the endpoints come from DNS lookups.</summary>
    [MemberNotNullWhen(true, nameof(HostName))]
    [MemberNotNullWhen(false, nameof(Address))]
    public bool IsDns => HostName is not null;

    /// <summary>Reads one configured entry; the error names what is wrong with it.</summary>
    public static bool TryParse(Uri entry, [NotNullWhen(true)] out EndpointTarget? target, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        target = null;
        var text = entry.OriginalString;
        if (text.StartsWith(DnsScheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            if (TryParseDns(text[(DnsScheme.Length + 1)..], out target, out var reason))
            {
                error = null;
                return true;
            }

            error = $"'{text}': {reason}.";
            return false;
        }

        if (!entry.IsAbsoluteUri || (entry.Scheme != Uri.UriSchemeHttp && entry.Scheme != Uri.UriSchemeHttps))
        {
            error = $"'{text}' is neither an absolute http(s) address nor dns:///name:port.";
            return false;
        }

        target = new EndpointTarget(entry, hostName: null, entry.Port);
        error = null;
        return true;
    }

    /// <summary>Reads one configured entry, which options validation has already accepted.</summary>
    public static EndpointTarget Parse(Uri entry) =>
        TryParse(entry, out var target, out var error) ? target : throw new FormatException(error);

    /// <summary>One result per entry of <paramref name="entries"/> that is not a valid target, for an options class's validation.</summary>
    public static IEnumerable<ValidationResult> Validate(IEnumerable<Uri> entries, string memberName)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out _, out var error))
            {
                yield return new ValidationResult(error, [memberName]);
            }
        }
    }

    /// <summary>
    /// The endpoints of one lookup's <paramref name="addresses"/>, ordered. One address family only (IPv4 when there is
    /// any), so that a dual-stack pod is one endpoint, not two.
    /// </summary>
    public IReadOnlyList<Uri> EndpointsOf(IEnumerable<IPAddress> addresses)
    {
        var unmapped = addresses.Select(address => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToList();
        var family = unmapped.Any(address => address.AddressFamily == AddressFamily.InterNetwork)
            ? AddressFamily.InterNetwork
            : AddressFamily.InterNetworkV6;
        return unmapped
            .Where(address => address.AddressFamily == family)
            .Select(address => new UriBuilder(Uri.UriSchemeHttp, address.ToString(), Port).Uri)
            .DistinctBy(endpoint => endpoint.AbsoluteUri, StringComparer.Ordinal)
            .OrderBy(endpoint => endpoint.AbsoluteUri, StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsDns ? string.Create(CultureInfo.InvariantCulture, $"{DnsScheme}:///{HostName}:{Port}") : Address.ToString();

    private static bool TryParseDns(string rest, [NotNullWhen(true)] out EndpointTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            // dns://<authority>/name:port names the DNS server to ask; only the system's resolver is used here.
            var slash = rest.IndexOf('/', 2);
            if (slash != 2)
            {
                error = "a DNS server authority is not supported; write dns:///name:port";
                return false;
            }

            rest = rest[3..];
        }

        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = "the name needs a port (1-65535): dns:///name:port";
            return false;
        }

        var host = rest[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"'{host}' is not a host name";
            return false;
        }

        target = new EndpointTarget(address: null, host, port);
        error = null;
        return true;
    }
}
