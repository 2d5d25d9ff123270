using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class DevTokenEndpointTests
{
    private static readonly Dictionary<string, string?> Enabled = new()
    {
        ["Auth:Hs256Secret"] = TestKeys.Secret,
        ["Auth:DevTokens:Enabled"] = "true",
    };

    [Fact]
    public async Task Minted_token_validates_with_the_requested_claims()
    {
        await using var factory = new AuthServiceFactory(Enabled, "Development");
        using var http = factory.CreateClient();

        var token = await MintAsync(http, """{"user":"u1","name":"Ann","role":"teacher","classrooms":["a","b",7],"info":{"avatar":"ann.png"}}""");
        var response = await ValidateAsync(factory, token);

        Assert.Equal(TokenStatus.Valid, response.Status);
        Assert.Equal("u1", response.Principal.UserId);
        Assert.Equal("Ann", response.Principal.Name);
        Assert.Equal("teacher", response.Principal.Role);
        Assert.Equal(["a", "b", "7"], response.Principal.Classrooms);
        Assert.Equal("""{"avatar":"ann.png"}""", response.Principal.InfoJson);
        Assert.Equal(factory.Time.GetUtcNow().ToUnixTimeSeconds(), response.Principal.IssuedAtUnix);
        Assert.Equal(factory.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), response.Principal.ExpiresAtUnix);
    }

    [Fact]
    public async Task Minted_token_carries_the_configured_issuer_and_audience()
    {
        await using var factory = new AuthServiceFactory(new(Enabled)
        {
            ["Auth:Issuer"] = "classroom-dev",
            ["Auth:Audience"] = "classroom",
        }, "Development");
        using var http = factory.CreateClient();

        var token = await MintAsync(http, """{"user":"u1"}""");

        Assert.Equal(TokenStatus.Valid, (await ValidateAsync(factory, token)).Status);
    }

    [Fact]
    public async Task Only_user_is_required_and_the_role_defaults_to_student()
    {
        await using var factory = new AuthServiceFactory(Enabled, "Development");
        using var http = factory.CreateClient();

        var response = await ValidateAsync(factory, await MintAsync(http, """{"user":"u1","name":""}"""));

        Assert.Equal(TokenStatus.Valid, response.Status);
        Assert.Equal("student", response.Principal.Role);
        Assert.Empty(response.Principal.Classrooms);
        Assert.Equal("", response.Principal.InfoJson);
    }

    [Fact]
    public async Task Minted_token_expires_after_the_requested_ttl()
    {
        await using var factory = new AuthServiceFactory(Enabled, "Development");
        using var http = factory.CreateClient();
        var token = await MintAsync(http, """{"user":"u1","ttlSeconds":60}""");

        factory.Time.Advance(TimeSpan.FromSeconds(60 + 30));

        Assert.Equal(TokenStatus.Expired, (await ValidateAsync(factory, token)).Status);
    }

    [Theory]
    [InlineData("""{"user":"u1","role":"admin"}""", "role")]
    [InlineData("""{"name":"Ann"}""", "user")]
    [InlineData("""{"user":""}""", "user")]
    [InlineData("""{"user":42}""", "user")]
    [InlineData("""{"user":"u1","role":""}""", "role")]
    [InlineData("""{"user":"u1","classrooms":"a"}""", "classrooms")]
    [InlineData("""{"user":"u1","classrooms":["ok","not ok"]}""", "classrooms")]
    [InlineData("""{"user":"u1","info":"x"}""", "info")]
    [InlineData("""{"user":"u1","ttlSeconds":0}""", "ttlSeconds")]
    [InlineData("""[1]""", "body")]
    [InlineData("""{"user":""", "body")]
    public async Task Bad_request_is_a_problem_naming_the_field(string body, string field)
    {
        await using var factory = new AuthServiceFactory(Enabled, "Development");
        using var http = factory.CreateClient();

        using var response = await http.PostAsync("/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WithTimeout());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task Route_does_not_exist_when_dev_tokens_are_disabled()
    {
        await using var factory = new AuthServiceFactory(new() { ["Auth:Hs256Secret"] = TestKeys.Secret });
        using var http = factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "u1" }, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Production_settings_leave_dev_tokens_off()
    {
        await using var factory = new AuthServiceFactory(new() { ["Auth:Hs256Secret"] = TestKeys.Secret }, "Production");
        using var http = factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "u1" }, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_development_environment_alone_does_not_serve_dev_tokens()
    {
        await using var factory = new AuthServiceFactory(new() { ["Auth:Hs256Secret"] = TestKeys.Secret }, "Development");
        using var http = factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "u1" }, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Enabling_dev_tokens_outside_development_does_not_serve_them(string environment)
    {
        await using var factory = new AuthServiceFactory(Enabled, environment);
        using var http = factory.CreateClient();

        using var response = await http.PostAsJsonAsync("/dev/token", new { user = "u1" }, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_development_settings_file_is_never_published()
    {
        var project = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "services", "auth", "Classroom.Micro.Auth.csproj"), TestContext.Current.CancellationToken);
        var dockerIgnore = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, ".dockerignore"), TestContext.Current.CancellationToken);

        Assert.Matches(@"<Content\s+Update=""appsettings\.Development\.json""[^>]*CopyToPublishDirectory=""Never""", project);
        Assert.Contains("**/appsettings.Development.json", dockerIgnore, StringComparison.Ordinal);
    }

    private static async Task<string> MintAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).WithTimeout();
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WithTimeout();
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<ValidateTokenResponse> ValidateAsync(AuthServiceFactory factory, string token)
    {
        using var channel = factory.CreateGrpcChannel();
        return await new AuthService.AuthServiceClient(channel).ValidateTokenAsync(new ValidateTokenRequest { Token = token }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
    }
}
