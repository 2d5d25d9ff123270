using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>One edge with the server API enabled under <see cref="ApiKey"/>, shared by a test class; tests use their own channels and users.</summary>
public sealed class ServerApiFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-1-0123456789abcdef0123";

    /// <summary>A second key, accepted as well (key rotation).</summary>
    public const string OtherApiKey = "test-api-key-2-0123456789abcdef0123";

    internal ApiHost Host { get; private set; } = null!;

    // Many tests call with wrong keys from the same loopback address: the lockout has tests of its own.
    public async ValueTask InitializeAsync() => Host = await ApiHost.StartAsync([ApiKey, OtherApiKey], "Api:FailedAuthLimit=100000");

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
