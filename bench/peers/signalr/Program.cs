using Classroom.Micro.Benchmarks.Peers.SignalR;
using StackExchange.Redis;

// Settings come from the environment the benchmark sets: ASPNETCORE_URLS, Peer__Redis, Peer__ChannelPrefix.
var builder = WebApplication.CreateBuilder(args);
var redis = builder.Configuration["Peer:Redis"] ?? throw new InvalidOperationException("Peer:Redis is required.");
var channelPrefix = builder.Configuration["Peer:ChannelPrefix"] ?? "signalr";
builder.Services.AddSignalR().AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix));

var app = builder.Build();
app.UseWebSockets();
app.MapHub<ClassroomHub>("/classroom");
app.MapGet("/health/ready", () => "ready");
await app.RunAsync();
