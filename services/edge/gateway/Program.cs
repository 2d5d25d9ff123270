using Classroom.Micro.Gateway;

var app = GatewayApp.Build(args);
app.Run();
