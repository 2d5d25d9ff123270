using System.Net;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>
/// Looks up a host name's A/AAAA records; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> in every
/// service. A delegate so that a test, which cannot change real DNS, can stand in for it.
/// </summary>
public delegate Task<IPAddress[]> HostAddressLookup(string hostName, CancellationToken cancellationToken);
