using Classroom.Micro.ServiceDefaults.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Auth.Moderation;

internal static class ModerationExtensions
{
    /// <summary>Registers the moderation state and the moderator. Expects <c>AddClassroomRedis</c> to have registered Redis.</summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        // A brace in the prefix would become the hash tag of every key and put all classrooms in one slot.
        builder.Services.AddOptions<RedisOptions>()
            .Validate(options => options.KeyPrefix.IndexOfAny(['{', '}']) < 0, "Redis:KeyPrefix must not contain '{' or '}'");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new ModerationKeys(services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        builder.Services.AddSingleton<ModerationMetrics>();
        builder.Services.AddSingleton<ModerationStore>();
        builder.Services.AddSingleton<Moderator>();
        return builder;
    }
}
