using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Auth.Roster;

internal static class RosterExtensions
{
    /// <summary>Binds <see cref="RosterOptions"/> and registers the registry client behind <see cref="ClassroomRoster"/>.</summary>
    public static IHostApplicationBuilder AddClassroomRoster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RosterOptions>()
            .Bind(builder.Configuration.GetSection(RosterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(services => new RegistryService.RegistryServiceClient(
            GrpcClientDefaults.CreateChannel(services.GetRequiredService<IOptions<RosterOptions>>().Value.RegistryAddress, services.GetRequiredService<CallerAssertionIssuer>().To(InternalServices.Registry))));
        builder.Services.AddSingleton<ClassroomRoster>();
        return builder;
    }
}
