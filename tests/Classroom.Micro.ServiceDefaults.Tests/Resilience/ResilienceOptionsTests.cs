using Classroom.Micro.ServiceDefaults.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Resilience;

/// <summary>The named backoffs and the breaker are configured per name and checked when the service starts.</summary>
public sealed class ResilienceOptionsTests
{
    [Fact]
    public void A_named_backoff_takes_its_configured_values_and_the_others_keep_their_defaults()
    {
        using var services = Build(new() { ["Resilience:Backoff:FanoutReconnect:MaxDelay"] = "00:00:05" });
        var backoffs = services.GetRequiredService<IOptionsMonitor<BackoffOptions>>();

        Assert.Equal(TimeSpan.FromSeconds(5), backoffs.Get(BackoffNames.FanoutReconnect).MaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(50), backoffs.Get(BackoffNames.FanoutReconnect).BaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoffs.Get(BackoffNames.LeaseAcquire).BaseDelay);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void A_cap_below_the_base_delay_is_refused()
    {
        using var services = Build(new() { ["Resilience:Backoff:LeaseAcquire:BaseDelay"] = "00:00:03" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<BackoffOptions>>().Get(BackoffNames.LeaseAcquire));
        Assert.Contains("LeaseAcquire:MaxDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breaker_that_could_never_open_is_refused()
    {
        using var services = Build(new() { ["Resilience:Breaker:FailureRatio"] = "0" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BreakerOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddClassroomResilience();
        return builder.Services.BuildServiceProvider();
    }
}
