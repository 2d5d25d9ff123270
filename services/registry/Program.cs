using Classroom.Micro.Registry;
using Classroom.Micro.Registry.Grpc;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.ServiceDefaults.Redis;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Registry"));
builder.AddClassroomRedis();
builder.AddInternalServer(RegistryCallers.Policy);
builder.AddRegistry();

var app = builder.Build();
app.MapRegistry();
app.MapDefaultEndpoints();
app.Run();
