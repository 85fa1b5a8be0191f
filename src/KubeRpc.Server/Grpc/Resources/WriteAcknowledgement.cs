using Google.Protobuf;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// A write's answer, remembered so this replica's cached reads see it (read-your-writes, docs/architecture.md): the
/// cache waits for an acknowledged version before it answers, and a delete is answered once the cache dropped the object.
/// </summary>
internal sealed class WriteAcknowledgement<TProto, TModel>(ResourceKind<TProto, TModel> kind, CachedReads<TProto, TModel>? cache)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    public TProto Written(TModel written, bool dryRun)
    {
        if (!dryRun)
        {
            cache?.Written(written);
        }
        return kind.ToProto(written);
    }

    /// <summary>A delete's answer: once gone, after the cache has dropped it; if finalizers hold it, like any write.</summary>
    public async Task<TProto> DeletedAsync(TModel deleted, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun && cache is not null)
        {
            if (deleted.Metadata?.DeletionTimestamp is not null && deleted.Metadata.Finalizers?.Count > 0)
            {
                cache.Written(deleted);
            }
            else
            {
                var last = ResourceVersions.TryParse(deleted.Metadata!.ResourceVersion, out var rv) ? rv : 0;
                await cache.DeletedAsync(deleted.Metadata.NamespaceProperty, deleted.Metadata.Name, deleted.Metadata.Uid, last, cancellationToken);
            }
        }
        return kind.ToProto(deleted);
    }
}
