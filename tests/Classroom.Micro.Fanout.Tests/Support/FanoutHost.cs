using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Support;

/// <summary>One in-process fanout replica on a test's Redis and key prefix, called through gRPC over the test server.</summary>
internal sealed class FanoutHost(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public static FanoutHost On(RedisServer redis, string keyPrefix, params (string Key, string Value)[] overrides) =>
        On(redis.Configuration, keyPrefix, overrides);

    public static FanoutHost On(string redisConfiguration, string keyPrefix, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["Redis:Configuration"] = redisConfiguration,
            ["Redis:KeyPrefix"] = keyPrefix,
            // Reports are noise except in the tests about them.
            ["Fanout:PositionReportInterval"] = "00:10:00",
        };
        foreach (var (key, value) in TestInternalIdentities.Settings(InternalServices.Fanout))
        {
            settings[key] = value!;
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new FanoutHost(settings);
    }


    public FanoutService.FanoutServiceClient CreateFanoutClient() => new(CreateGrpcChannel());

    public GrpcChannel CreateGrpcChannel()
    {
        var channel = GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = TestInternalIdentities.Handler(InternalServices.Fanout, Server.CreateHandler()),
            DisposeHttpClient = true,
        });
        _channels.Add(channel);
        return channel;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (_output is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(_output)));
        }
    }
}
