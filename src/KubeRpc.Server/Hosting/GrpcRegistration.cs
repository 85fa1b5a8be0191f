using Grpc.AspNetCore.Server;
using KubeRpc.Server.Grpc;
using KubeRpc.Server.Grpc.Limits;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Hosting;

/// <summary>gRPC with KubeRpc's request limits: the maximum receive size, bounded decompression, quiet logs for refused input.</summary>
internal static class GrpcRegistration
{
    public static void AddKubeRpcGrpc(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimits>, RequestLimitsValidation>();
        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<RequestLimits>>((grpc, limits) =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.MaxReceiveMessageSize = limits.Value.MaxRequestBytes;
            // Only gzip, and bounded: Grpc.AspNetCore would inflate a compressed message without limit.
            grpc.CompressionProviders = [new BoundedGzipCompressionProvider(limits.Value.MaxRequestBytes)];
        });
        // Grpc.AspNetCore logs every refused request (malformed bytes, any error status) at Information; a client's bad
        // input is not the operator's concern, and a hostile client must not be able to flood the log.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
    }

    private sealed class RequestLimitsValidation : IValidateOptions<RequestLimits>
    {
        public ValidateOptionsResult Validate(string? name, RequestLimits options) =>
            options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
