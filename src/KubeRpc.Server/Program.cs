using KubeRpc.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddKubeRpc();
var app = builder.Build();
app.MapKubeRpc();
app.Run();
