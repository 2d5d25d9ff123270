using Classroom.Micro.Api.ServerApi;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

public sealed class ApiCredentialsTests
{
    [Theory]
    [InlineData("key-1", null, "key-1")]
    [InlineData(" key-1 ", null, "key-1")]
    [InlineData(null, "apikey key-2", "key-2")]
    [InlineData(null, "ApiKey   key-2 ", "key-2")]
    [InlineData("key-1", "apikey key-2", "key-1")]
    [InlineData("", "apikey key-2", "key-2")]
    public void The_key_comes_from_x_api_key_first_then_an_apikey_authorization(string? apiKeyHeader, string? authorization, string expected)
    {
        Assert.Equal(expected, ApiCredentials.Presented(apiKeyHeader, authorization));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer key-2")]
    [InlineData("apikey")]
    [InlineData("apikey ")]
    [InlineData("apikeykey-2")]
    public void Other_authorization_values_present_no_key(string? authorization)
    {
        Assert.Null(ApiCredentials.Presented(null, authorization));
    }
}
