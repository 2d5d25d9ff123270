using Classroom.Micro.Edge;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Transports;
using Classroom.Micro.Edge.Transports.RawWebSockets;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Edge"));
builder.AddEdgeNode();
builder.AddEdgeUpstream();
builder.AddEdgeLease();
builder.AddClientCommands();
builder.AddEdgeDrain();
builder.AddClientTransports();
builder.AddRawWebSockets();

var app = builder.Build();
app.UseWebSockets();
app.MapDefaultEndpoints();
app.MapClientWebSockets();
app.MapEmulatedTransports();
app.Run();
