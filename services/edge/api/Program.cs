using Classroom.Micro.Api;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Api"));
builder.AddServerApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapServerApi();
app.Run();
