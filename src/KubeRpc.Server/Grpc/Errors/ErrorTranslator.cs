using Grpc.Core;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>
/// The one place a failure becomes the gRPC status the caller sees, always with an ErrorInfo (domain kuberpc.io) and
/// the details that help (ResourceInfo, BadRequest, RetryInfo), built by <see cref="RichStatus"/>: Kubernetes errors
/// (<see cref="KubernetesErrorTranslator"/>), watches that fail (<see cref="WatchStatuses"/>) and requests refused
/// before any call (<see cref="RequestStatuses"/>, which the validator and the marshallers throw directly).
/// </summary>
internal static class ErrorTranslator
{
    /// <param name="sentPatch">The call sent the caller's patch document (PATCH), which kube-apiserver's patch code can fail on.</param>
    public static RpcException Translate(Exception exception, ResourceTarget target, ILogger logger, bool sentPatch = false) => exception switch
    {
        RpcException rpc => rpc,
        WatchFailedException watch => WatchStatuses.From(watch),
        FieldNotSelectableException field => KubernetesErrorTranslator.BadRequest(field.Message, target),
        _ => KubernetesErrorTranslator.Translate(exception, target, logger, sentPatch),
    };
}
