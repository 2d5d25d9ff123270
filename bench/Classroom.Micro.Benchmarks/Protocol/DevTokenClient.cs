using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>Gets connection tokens from the gateway's <c>POST /dev/token</c> (auth with <c>Auth:DevTokens:Enabled</c>).</summary>
internal sealed class DevTokenClient(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> MintAsync(string user, string role, string classroom, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/dev/token", new TokenRequest(user, user, role, [classroom]), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"POST /dev/token answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return string.IsNullOrEmpty(body?.Token) ? throw new HttpRequestException("POST /dev/token answered without a token") : body.Token;
    }

    public void Dispose() => _http.Dispose();

    private sealed record TokenRequest(
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("classrooms")] IReadOnlyList<string> Classrooms);

    private sealed record TokenResponse([property: JsonPropertyName("token")] string? Token);
}
