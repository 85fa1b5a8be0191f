using KubeRpc.Server.Hosting;
using KubeRpc.Server.Kubernetes;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddKubeRpc();
    var app = builder.Build();
    app.MapKubeRpc();
    app.Run();
    return 0;
}
catch (Exception e) when (e is InvalidSettingException or OptionsValidationException)
{
    // A setting the start cannot use: one line that names it, not a stack trace.
    Console.Error.WriteLine($"kuberpc: cannot start: {e.Message}");
    return 1;
}
