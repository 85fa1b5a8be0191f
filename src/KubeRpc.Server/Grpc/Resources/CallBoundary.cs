using Grpc.Core;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// Runs a call's work on the caller's cancellation and turns whatever it throws into the caller's status
/// (<see cref="ErrorTranslator"/>), naming the object the call was about.
/// </summary>
internal sealed class CallBoundary(string kind, string resourceType, ILogger logger)
{
    public ResourceTarget Target(string? ns, string? name) => new(kind, resourceType, ns, name);

    /// <param name="sentPatch">The call sends the caller's patch document, which kube-apiserver's patch code can fail on.</param>
    public async Task<T> RunAsync<T>(string? ns, string? name, Func<CancellationToken, Task<T>> call, ServerCallContext context,
        bool sentPatch = false)
    {
        try
        {
            return await call(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrorTranslator.Cancelled(Target(ns, name));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw ErrorTranslator.Translate(e, Target(ns, name), logger, sentPatch);
        }
    }

    /// <summary>The status of a failure thrown before any await (the cached hot path).</summary>
    public RpcException Translate(Exception e, string? ns, string? name) => ErrorTranslator.Translate(e, Target(ns, name), logger);
}
