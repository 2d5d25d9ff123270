using Classroom.Micro.Auth.DevTokens;
using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.Auth.Roster;
using Classroom.Micro.Auth.Rpc;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.ServiceDefaults.Redis;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Auth"));
builder.AddClassroomRedis();
builder.AddInternalServer(AuthCallers.Policy);
builder.AddTokenValidation();
builder.AddDevTokens();
builder.AddModeration();
builder.AddClassroomRoster();
builder.AddAuthRpc();

var app = builder.Build();
app.MapAuthRpc();
app.MapDevTokens();
app.MapDefaultEndpoints();
app.Run();
