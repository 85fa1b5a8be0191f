using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Watches;
using KubeRpc.Server.Wire;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>The RPC logic of one kind, which its manager (e.g. <see cref="ServiceManagerService"/>) adapts to its proto service.</summary>
internal sealed record ResourceRpcs<TProto, TModel>(
    ResourceReads<TProto, TModel> Reads,
    ResourceWrites<TProto, TModel> Writes,
    WatchRpc<TProto, EncodedMessage> Watch)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>;
