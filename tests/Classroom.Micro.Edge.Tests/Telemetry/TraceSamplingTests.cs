using System.Diagnostics;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Telemetry;

/// <summary>
/// The service defaults set no sampler, so the SDK follows <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c>
/// from configuration (the environment, in a deployment) — the variables the Helm chart sets.
/// </summary>
public sealed class TraceSamplingTests
{
    private static readonly ActivityContext SampledParent = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
    private static readonly ActivityContext UnsampledParent = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

    [Theory]
    [InlineData("always_on", null, true)]
    [InlineData("always_off", null, false)]
    [InlineData("traceidratio", "1", true)]
    [InlineData("traceidratio", "0", false)]
    [InlineData("parentbased_traceidratio", "0", false)]
    [InlineData("parentbased_always_off", null, false)]
    public void A_new_trace_is_kept_as_OTEL_TRACES_SAMPLER_says(string sampler, string? argument, bool kept)
    {
        using var service = SampledService.Start(sampler, argument);

        using var activity = service.Source.StartActivity("probe");

        Assert.Equal(kept, activity?.Recorded == true);
    }

    [Fact]
    public void A_parent_based_ratio_keeps_what_the_caller_kept_and_drops_what_it_dropped()
    {
        using var service = SampledService.Start("parentbased_traceidratio", "0");

        using (var child = service.Source.StartActivity("kept", ActivityKind.Server, SampledParent))
        {
            Assert.True(child?.Recorded, "the child of a sampled caller was dropped");
        }

        using var dropped = service.Source.StartActivity("dropped", ActivityKind.Server, UnsampledParent);
        Assert.False(dropped?.Recorded == true, "the child of an unsampled caller was kept");
    }

    [Fact]
    public void Without_a_sampler_setting_every_trace_is_kept()
    {
        using var service = SampledService.Start(null, null);

        using var activity = service.Source.StartActivity("probe");

        Assert.True(activity?.Recorded);
    }

    /// <summary>A host with the service defaults and the given sampler settings, its tracer provider listening.</summary>
    private sealed class SampledService(IHost host, ServiceTelemetry telemetry) : IDisposable
    {
        public ActivitySource Source => telemetry.ActivitySource;

        public static SampledService Start(string? sampler, string? argument)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OTEL_TRACES_SAMPLER"] = sampler,
                ["OTEL_TRACES_SAMPLER_ARG"] = argument,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            });
            var telemetry = new ServiceTelemetry($"Classroom.Micro.Edge.Tests.Sampling.{Guid.NewGuid():N}");
            builder.AddServiceDefaults(telemetry);
            var host = builder.Build();
            // The tracer provider starts listening when it is first resolved.
            _ = host.Services.GetRequiredService<TracerProvider>();
            return new SampledService(host, telemetry);
        }

        public void Dispose()
        {
            host.Dispose();
            telemetry.Dispose();
        }
    }
}
