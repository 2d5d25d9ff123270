using Classroom.Micro.Fanout.Delivery;
using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.Grpc;
using Classroom.Micro.Fanout.Publishing;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Classroom.Micro.Fanout.Hosting;

/// <summary>Composition of the fanout service.</summary>
internal static class FanoutExtensions
{
    /// <summary>Registers options, the publication log, the edge attachments, the position reporter and gRPC.</summary>
    public static IHostApplicationBuilder AddFanout(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReadOptions>().BindConfiguration(ReadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DurabilityOptions>().BindConfiguration(DurabilityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FanoutOptions>().BindConfiguration(FanoutOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FanoutMetrics>();
        services.AddSingleton<StreamKeys>();
        services.AddSingleton<PublicationLog>();
        services.AddSingleton<ReplicationBarrier>();
        services.AddSingleton<ConfirmedStreamReader>();
        services.AddSingleton<HistoryEraser>();
        services.AddSingleton<ControlLog>();
        services.AddSingleton<InterestTable>();
        services.AddSingleton<EdgeDirectory>();
        services.AddSingleton<EdgeSessionRunner>();
        services.AddSingleton<PositionTracker>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<Announcer>();
        services.AddHostedService<PositionReporter>();

        services.AddGrpc();
        services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>Maps the fanout gRPC service and the standard gRPC health service.</summary>
    public static WebApplication MapFanout(this WebApplication app)
    {
        app.MapGrpcService<FanoutGrpcService>();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
