using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>Binds the named backoffs and the circuit breaker options, validated at start.</summary>
public static class ResilienceExtensions
{
    /// <summary>
    /// Registers <see cref="BackoffOptions"/> under each of <see cref="BackoffNames"/> (read them with
    /// <c>IOptionsMonitor&lt;BackoffOptions&gt;.Get(name)</c>), <see cref="BreakerOptions"/>, and the system clock unless a
    /// test registered its own.
    /// </summary>
    public static IHostApplicationBuilder AddClassroomResilience(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        foreach (var name in BackoffNames.All)
        {
            var defaults = BackoffNames.DefaultsOf(name);
            builder.Services.AddOptions<BackoffOptions>(name)
                .Configure(options =>
                {
                    options.BaseDelay = defaults.BaseDelay;
                    options.MaxDelay = defaults.MaxDelay;
                })
                .Bind(builder.Configuration.GetSection($"{BackoffOptions.SectionName}:{name}"))
                .ValidateDataAnnotations()
                .Validate(options => options.MaxDelay >= options.BaseDelay, $"{BackoffOptions.SectionName}:{name}:MaxDelay must not be below BaseDelay")
                .ValidateOnStart();
        }

        builder.Services.AddOptions<BreakerOptions>()
            .Bind(builder.Configuration.GetSection(BreakerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
