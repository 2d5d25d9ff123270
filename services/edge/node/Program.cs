using Classroom.Micro.Edge;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Edge"));
builder.AddEdge();

var app = builder.Build();
app.UseWebSockets();
app.MapDefaultEndpoints();
app.MapClientWebSockets();
app.Run();
