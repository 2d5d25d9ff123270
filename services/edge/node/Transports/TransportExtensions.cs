namespace Classroom.Micro.Edge.Transports;

internal static class TransportExtensions
{
    /// <summary>The client transports' shared pieces: origin check, connection runner, emulation sessions, their options.</summary>
    public static IHostApplicationBuilder AddClientTransports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TransportOptions>()
            .Bind(builder.Configuration.GetSection(TransportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EdgeOriginCheck>();
        builder.Services.AddSingleton<EmulationSessions>();
        builder.Services.AddSingleton<ConnectionRunner>();
        return builder;
    }
}
