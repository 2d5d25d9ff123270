using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>
/// The real server API composition (AddServerApi, MapServerApi) on free loopback ports, its upstream replaced by
/// <see cref="FakeFanout"/> and <see cref="FakeRegistry"/> served over real gRPC on another free port. The registry
/// holds the lease of one edge, <see cref="EdgeId"/>, as a running edge would have it.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string EdgeId = "edge-under-test";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly FakeUpstream _upstream;
    private readonly WebApplication _api;
    private readonly GrpcChannel _grpcChannel;

    private ApiHost(FakeUpstream upstream, WebApplication api, Uri httpAddress, Uri grpcAddress)
    {
        _upstream = upstream;
        _api = api;
        Http = new HttpClient { BaseAddress = httpAddress, Timeout = Timeout };
        _grpcChannel = GrpcChannel.ForAddress(grpcAddress);
        Grpc = new Api.V1.ServerApi.ServerApiClient(_grpcChannel);
    }

    public FakeFanout Fanout => _upstream.Fanout;

    public FakeRegistry Registry => _upstream.Registry;

    /// <summary>A client of the service's HTTP/1.1 endpoint.</summary>
    public HttpClient Http { get; }

    /// <summary>A client of the service's gRPC endpoint, without credentials.</summary>
    public Api.V1.ServerApi.ServerApiClient Grpc { get; }

    public static async Task<ApiHost> StartAsync(IReadOnlyList<string> apiKeys, params string[] settings)
    {
        var fanout = new FakeFanout();
        var registry = new FakeRegistry();
        registry.SeedEdge(EdgeId, new Registry.V1.EdgeStats { Name = EdgeId, Version = "1.0.0", StartedAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        var upstreamPort = FreePort.Next();
        var upstream = await FakeUpstream.StartAsync(IPAddress.Loopback, upstreamPort, fanout, registry);

        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var upstreamAddress = $"http://127.0.0.1:{upstreamPort}";
        var args = new List<string>
        {
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}",
            "--Kestrel:Endpoints:Http:Protocols=Http1",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}",
            "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            $"--Api:RegistryAddress={upstreamAddress}",
            $"--Api:FanoutAddresses:0={upstreamAddress}",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(TestInternalIdentities.Arguments(InternalServices.Api));
        args.AddRange(apiKeys.Select((key, i) => $"--Api:Keys:{i}={key}"));
        args.AddRange(settings.Select(setting => $"--{setting}"));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args],
            // Under the test host the entry assembly is the test runner, not the service.
            ApplicationName = typeof(ServerApiExtensions).Assembly.GetName().Name,
        });
        builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Api.Tests"));
        builder.AddServerApi();
        var api = builder.Build();
        api.MapDefaultEndpoints();
        api.MapServerApi();
        try
        {
            await api.StartAsync().WaitAsync(Timeout);
        }
        catch
        {
            await api.DisposeAsync();
            await upstream.DisposeAsync();
            throw;
        }

        return new ApiHost(upstream, api, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    /// <summary><c>POST /api/{method}</c> with <paramref name="json"/> and, when given, <c>X-API-Key</c>.</summary>
    public Task<HttpResponseMessage> PostAsync(string method, string json, string? apiKey) => PostToAsync($"/api/{method}", json, apiKey);

    /// <summary><c>POST</c> to <paramref name="path"/> with <paramref name="body"/> and, when given, <c>X-API-Key</c>.</summary>
    public async Task<HttpResponseMessage> PostToAsync(string path, string body, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return await Http.SendAsync(request).WaitAsync(Timeout);
    }

    /// <summary>The same with <c>Authorization: apikey &lt;key&gt;</c>.</summary>
    public async Task<HttpResponseMessage> PostWithAuthorizationAsync(string method, string json, string scheme, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/{method}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, apiKey);
        return await Http.SendAsync(request).WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _grpcChannel.Dispose();
        await _api.StopAsync().WaitAsync(Timeout);
        await _api.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}
