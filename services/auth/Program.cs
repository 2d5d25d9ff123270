using Classroom.Micro.Auth.DevTokens;
using Classroom.Micro.Auth.Rpc;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Auth"));
builder.AddTokenValidation();
builder.AddDevTokens();
builder.AddAuthRpc();

var app = builder.Build();
app.MapAuthRpc();
app.MapDevTokens();
app.MapDefaultEndpoints();
app.Run();
