using k8s;
using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Registry;

internal sealed partial class ObjectRegistry
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    private static readonly HashSet<string> ProtectedNamespaces = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public" };

    /// <summary>
    /// DELETE an item (as store.go Delete): preconditions, then either removal, or (with finalizers, or a
    /// namespace) a deletionTimestamp that controllers act on.
    /// </summary>
    public WriteResult Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        var result = Store.Write(() => DeleteLocked(type, ns, name, options));
        if (result.Pending)
        {
            OnDeletionPending();
        }
        return result.Result;
    }

    private (WriteResult Result, bool Pending) DeleteLocked(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        var existing = Store.Get(type, ns, name) ?? throw ApiErrors.NotFound(type, name);
        var meta = existing.Metadata;
        if (options.PreconditionUid is { } uid && uid != meta.Uid)
        {
            throw ApiErrors.PreconditionConflict(type, name,
                $"the UID in the precondition ({uid}) does not match the UID in record ({meta.Uid}). The object might have been deleted and then recreated");
        }
        if (options.PreconditionResourceVersion is { } rv && rv != meta.ResourceVersion)
        {
            throw ApiErrors.PreconditionConflict(type, name,
                $"the ResourceVersion in the precondition ({rv}) does not match the ResourceVersion in record ({meta.ResourceVersion}). The object might have been modified");
        }
        if (type == Catalog.Namespaces && ProtectedNamespaces.Contains(name))
        {
            throw ApiErrors.Forbidden(type, name, "this namespace may not be deleted");
        }

        var updated = Store.Codec(type).Decode(existing.Json);
        var finalizers = updated.Metadata.Finalizers ?? [];
        var policy = options.PropagationPolicy ?? (options.OrphanDependents == true ? "Orphan" : null);
        if (policy == "Orphan" && !finalizers.Contains(OrphanFinalizer))
        {
            finalizers.Add(OrphanFinalizer);
        }
        else if (policy == "Foreground" && !finalizers.Contains(ForegroundFinalizer))
        {
            finalizers.Add(ForegroundFinalizer);
        }
        updated.Metadata.Finalizers = finalizers.Count == 0 ? null : finalizers;

        // Pods are deleted gracefully: they stay, terminating, until their kubelet deletes them with a zero period.
        var grace = type.Strategy.GracePeriod(existing.Model, options.GracePeriodSeconds) ?? 0;
        var graceful = finalizers.Count > 0 || updated is V1Namespace || grace > 0;
        if (!graceful)
        {
            if (options.DryRun)
            {
                return (Deleted(type, existing.Model, existing.Json), false);
            }
            var tombstone = Store.Remove(type, existing);
            return (Deleted(type, existing.Model, tombstone.Json), false);
        }

        if (updated.Metadata.DeletionTimestamp is null)
        {
            updated.Metadata.DeletionTimestamp = NowSeconds().AddSeconds(grace);
            updated.Metadata.DeletionGracePeriodSeconds = grace;
            if (updated.Metadata.Generation is > 0)
            {
                updated.Metadata.Generation++;
            }
        }
        else if (grace < updated.Metadata.DeletionGracePeriodSeconds)
        {
            // A second delete may shorten the period, never lengthen it (rest.BeforeDelete).
            updated.Metadata.DeletionTimestamp = NowSeconds().AddSeconds(grace);
            updated.Metadata.DeletionGracePeriodSeconds = grace;
        }
        if (updated is V1Namespace namespaceObject)
        {
            namespaceObject.Status ??= new V1NamespaceStatus();
            namespaceObject.Status.Phase = "Terminating";
        }
        if (options.DryRun)
        {
            return (new WriteResult(updated, Store.Codec(type).Encode(updated), 200), false);
        }
        var stored = Store.Put(type, updated, existing);
        var status = options.OrphanDependents == false ? 202 : 200;
        return (new WriteResult(stored.Model, stored.Json, status), true);
    }

    /// <summary>The answer to an immediate delete: the object for Service/Namespace, else a Success Status.</summary>
    private static WriteResult Deleted(ResourceType type, IKubernetesObject<V1ObjectMeta> last, byte[] json) =>
        type.Strategy.ReturnDeletedObject
            ? new WriteResult(last, json, 200)
            : new WriteResult(last, json, 200) { ResponseBody = StatusBodies.DeleteSuccess(type, last.Metadata) };

    /// <summary>DELETE a collection: deletes every match and answers with the list of what was deleted.</summary>
    public IReadOnlyList<WriteResult> DeleteCollection(ResourceType type, IEnumerable<StoredObject> matches, DeleteOptions options)
    {
        var results = new List<WriteResult>();
        foreach (var item in matches)
        {
            try
            {
                results.Add(Delete(type, item.Namespace, item.Name, options));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile: not ours to report, as the real deletecollection skips it.
            }
        }
        return results;
    }
}
