using System.Net;
using Classroom.Micro.ServiceDefaults.Discovery;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Discovery;

public sealed class EndpointTargetTests
{
    [Theory]
    [InlineData("dns:///fanout-headless.classroom.svc.cluster.local:7301", "fanout-headless.classroom.svc.cluster.local", 7301)]
    [InlineData("dns:fanout-headless:7301", "fanout-headless", 7301)]
    [InlineData("DNS:///localhost:80", "localhost", 80)]
    public void A_dns_entry_names_the_host_to_look_up_and_the_port(string entry, string host, int port)
    {
        var target = EndpointTarget.Parse(new Uri(entry));

        Assert.True(target.IsDns);
        Assert.Equal(host, target.HostName);
        Assert.Equal(port, target.Port);
    }

    [Fact]
    public void A_fixed_address_is_used_as_it_is()
    {
        var target = EndpointTarget.Parse(new Uri("http://127.0.0.1:7301"));

        Assert.False(target.IsDns);
        Assert.Equal(new Uri("http://127.0.0.1:7301"), target.Address);
    }

    [Theory]
    [InlineData("dns:///fanout-headless")]
    [InlineData("dns:///fanout-headless:0")]
    [InlineData("dns:///fanout-headless:70000")]
    [InlineData("dns://10.0.0.10/fanout-headless:7301")]
    [InlineData("dns:///:7301")]
    [InlineData("ftp://127.0.0.1:7301")]
    public void An_entry_that_is_neither_an_http_address_nor_a_dns_name_with_a_port_is_rejected_naming_the_entry(string entry)
    {
        Assert.False(EndpointTarget.TryParse(new Uri(entry, UriKind.RelativeOrAbsolute), out _, out var error));
        Assert.Contains(entry, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_become_ordered_distinct_http_endpoints_of_one_family()
    {
        var target = EndpointTarget.Parse(new Uri("dns:///edges:7400"));

        var endpoints = target.EndpointsOf([
            IPAddress.Parse("10.0.0.9"),
            IPAddress.Parse("fd00::1"),
            IPAddress.Parse("::ffff:10.0.0.3"),
            IPAddress.Parse("10.0.0.9")]);

        Assert.Equal(["http://10.0.0.3:7400/", "http://10.0.0.9:7400/"], endpoints.Select(endpoint => endpoint.AbsoluteUri));
    }

    [Fact]
    public void An_ipv6_only_answer_gives_bracketed_endpoints()
    {
        var target = EndpointTarget.Parse(new Uri("dns:///edges:7400"));

        var endpoints = target.EndpointsOf([IPAddress.Parse("fd00::2")]);

        Assert.Equal("http://[fd00::2]:7400/", Assert.Single(endpoints).AbsoluteUri);
    }
}
