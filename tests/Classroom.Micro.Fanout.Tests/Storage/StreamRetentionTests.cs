using System.ComponentModel.DataAnnotations;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

public sealed class StreamRetentionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public void Classroom_channels_keep_a_whole_class_by_default()
    {
        var options = new StreamOptions { MaxLength = 50, Ttl = TimeSpan.FromMinutes(10) };

        Assert.Equal(new StreamRetention(20_000, TimeSpan.FromHours(2), TimeSpan.FromHours(24)), options.RetentionOf("classroom:42"));
        Assert.Equal(new StreamRetention(50, TimeSpan.FromMinutes(10), TimeSpan.FromHours(24)), options.RetentionOf("personal:#u1"));
        Assert.Equal(new StreamRetention(50, TimeSpan.FromMinutes(10), TimeSpan.FromHours(24)), options.RetentionOf("classroom"));
    }

    [Fact]
    public void Namespace_overrides_bind_from_configuration_and_fall_back_per_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fanout:Streams:MaxLength"] = "1000",
            ["Fanout:Streams:Namespaces:classroom:MaxLength"] = "30000",
            ["Fanout:Streams:Namespaces:lobby:Ttl"] = "00:05:00",
        }).Build();
        var options = new StreamOptions();

        configuration.GetSection(StreamOptions.SectionName).Bind(options);

        Assert.Equal(new StreamRetention(30_000, TimeSpan.FromHours(2), TimeSpan.FromHours(24)), options.RetentionOf("classroom:1"));
        Assert.Equal(new StreamRetention(1000, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)), options.RetentionOf("lobby:main"));
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void A_namespace_whose_meta_would_expire_before_its_publications_is_refused_at_start()
    {
        var options = new StreamOptions();
        options.Namespaces["archive"] = new NamespaceRetention { Ttl = TimeSpan.FromDays(30) };

        var problem = Assert.Single(Problems(options));

        Assert.Contains("Namespaces:archive", problem.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_namespace_is_trimmed_and_expired_by_its_own_retention()
    {
        var streams = new StreamOptions { MaxLength = 100, Ttl = TimeSpan.FromMinutes(10), Namespaces = [] };
        streams.Namespaces["lecture"] = new NamespaceRetention { MaxLength = 500, Ttl = TimeSpan.FromHours(3), MetaTtl = TimeSpan.FromHours(30) };
        var log = LogBuilder.Log(redis.Connection, _prefix, streams);
        var keys = LogBuilder.Keys(_prefix);
        var database = redis.Connection.GetDatabase();

        for (var n = 0; n < 1000; n++)
        {
            await Task.WhenAll(
                log.AppendAsync("lecture:1", Publications.Json("{}"), null),
                log.AppendAsync("chat:1", Publications.Json("{}"), null)).WaitAsync(Timeout, Cancel);
        }

        Assert.InRange(await database.StreamLengthAsync(keys.Stream("lecture:1")).WaitAsync(Timeout, Cancel), 500, 600);
        Assert.InRange(await database.StreamLengthAsync(keys.Stream("chat:1")).WaitAsync(Timeout, Cancel), 100, 200);
        // Expiries are pushed out to the TTL plus a slack (a sixteenth of the TTL, at most a minute), never shorter.
        Assert.InRange((await database.KeyTimeToLiveAsync(keys.Stream("lecture:1")).WaitAsync(Timeout, Cancel))!.Value, TimeSpan.FromHours(2.9), TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        Assert.InRange((await database.KeyTimeToLiveAsync(keys.Meta("lecture:1")).WaitAsync(Timeout, Cancel))!.Value, TimeSpan.FromHours(29.9), TimeSpan.FromHours(30) + TimeSpan.FromMinutes(1));
        Assert.InRange((await database.KeyTimeToLiveAsync(keys.Stream("chat:1")).WaitAsync(Timeout, Cancel))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10) + TimeSpan.FromMinutes(1));
    }

    private static List<ValidationResult> Problems(StreamOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
