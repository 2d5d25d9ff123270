using Classroom.Micro.Fanout.Grpc;
using Classroom.Micro.Fanout.Hosting;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.ServiceDefaults.Redis;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Fanout"));
builder.AddClassroomRedis();
builder.AddInternalServer(FanoutCallers.Policy);
builder.AddFanout();

var app = builder.Build();
app.MapFanout();
app.MapDefaultEndpoints();
app.Run();
