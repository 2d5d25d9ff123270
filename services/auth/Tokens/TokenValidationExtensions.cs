using Classroom.Micro.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Auth.Tokens;

internal static class TokenValidationExtensions
{
    /// <summary>Binds and validates <see cref="AuthOptions"/>, and registers the validator, its keys and the JWKS refresher.</summary>
    public static IHostApplicationBuilder AddTokenValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        builder.Services.AddHttpClient(JwksKeySource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JwksKeySource>();
        builder.Services.AddHostedService<JwksRefresher>();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<TokenRejectionMetrics>();
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddHealthChecks().AddCheck<JwksHealthCheck>("jwks", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }
}
