using Classroom.Micro.Gateway.Health;
using Xunit;
using Yarp.ReverseProxy.Forwarder;

namespace Classroom.Micro.Gateway.Tests.Health;

public sealed class DestinationFaultPolicyTests
{
    [Theory]
    [InlineData(ForwarderError.Request)]
    [InlineData(ForwarderError.RequestTimedOut)]
    [InlineData(ForwarderError.UpgradeRequestDestination)]
    [InlineData(ForwarderError.UpgradeResponseDestination)]
    [InlineData(ForwarderError.ResponseBodyDestination)]
    public void A_failure_of_the_destination_takes_it_out_of_the_pool(ForwarderError error) =>
        Assert.True(DestinationFaultPolicy.IsDestinationFault(error));

    [Theory]
    [InlineData(ForwarderError.None)]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyClient)]
    [InlineData(ForwarderError.UpgradeRequestClient)]
    [InlineData(ForwarderError.UpgradeResponseClient)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    [InlineData(ForwarderError.UpgradeActivityTimeout)]
    [InlineData(ForwarderError.NoAvailableDestinations)]
    public void A_client_that_goes_away_says_nothing_about_the_destination(ForwarderError error) =>
        Assert.False(DestinationFaultPolicy.IsDestinationFault(error));
}
