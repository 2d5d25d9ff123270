using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.DevTokens;

[Collection(SharedCluster.Name)]
public sealed class DevTokenTests(ClusterFixture fixture)
{
    [Fact(Timeout = 60_000)]
    public async Task Gateway_serves_dev_tokens_signed_with_the_cluster_secret()
    {
        var cluster = fixture.Cluster;
        var cancellation = TestContext.Current.CancellationToken;

        var token = await cluster.MintTokenAsync("dev-user-1", "Ada", "teacher", ["c1", "c2"], cancellation).WaitAsync(TimeSpan.FromSeconds(15), cancellation);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        var expectedSignature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(cluster.Hs256Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.True(CryptographicOperations.FixedTimeEquals(expectedSignature, Base64UrlDecode(parts[2])), "the dev token is not signed with the cluster's HS256 secret");

        using var claims = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        var root = claims.RootElement;
        Assert.Equal("dev-user-1", root.GetProperty("sub").GetString());
        Assert.Equal("Ada", root.GetProperty("name").GetString());
        Assert.Equal("teacher", root.GetProperty("role").GetString());
        Assert.Equal(["c1", "c2"], root.GetProperty("classrooms").EnumerateArray().Select(classroom => classroom.GetString()!));
        Assert.True(root.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "the dev token is already expired");
    }

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);
}
