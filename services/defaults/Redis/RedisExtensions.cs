using Classroom.Micro.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.ServiceDefaults.Redis;

/// <summary>Registers one shared, lazily connected <see cref="IConnectionMultiplexer"/> and its readiness check.</summary>
public static class RedisExtensions
{
    /// <summary>Binds <see cref="RedisOptions"/>, registers the multiplexer and a readiness check that pings Redis.</summary>
    public static IHostApplicationBuilder AddClassroomRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .Bind(builder.Configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var options = services.GetRequiredService<IOptions<RedisOptions>>().Value;
            var configuration = ConfigurationOptions.Parse(options.Configuration);
            // Start even when Redis is down; readiness reports it and commands fail with a clear error.
            configuration.AbortOnConnectFail = false;
            configuration.ClientName ??= builder.Environment.ApplicationName;
            return ConnectionMultiplexer.Connect(configuration);
        });

        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }
}
