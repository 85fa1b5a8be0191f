namespace KubeRpc.Server.Grpc.Resources;

/// <summary>How one kind maps between its proto message and its KubernetesClient model.</summary>
/// <param name="Field">The request field holding the object, e.g. <c>service</c>, for violation paths.</param>
internal sealed record ResourceMapper<TProto, TModel>(
    string Field,
    Func<TProto, KubeRpc.V1.ObjectMeta?> Metadata,
    Func<TProto, TModel> ToKubernetes,
    Func<TModel, TProto> ToProto);
