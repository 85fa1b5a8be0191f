using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Namespaces;
using KubeRpc.Emulator.Admission.Pods;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Registry;

/// <summary>Which part of an object a write replaces.</summary>
internal enum UpdateTarget
{
    /// <summary>The object (status is kept from the stored one).</summary>
    Main,
    /// <summary>The <c>/status</c> subresource (only status changes).</summary>
    Status,
    /// <summary>A namespace's <c>/finalize</c> subresource (only spec.finalizers changes).</summary>
    Finalize,
    /// <summary>A Pod's binding to a node (the scheduler's <c>pods/binding</c>: only spec.nodeName changes, once).</summary>
    Binding,
}

internal sealed partial class ObjectRegistry
{
    /// <summary>PUT to an item (as store.go Update): RV precondition, unconditional update, create on update.</summary>
    public WriteResult Update(ResourceType type, string? ns, string name, IKubernetesObject<V1ObjectMeta> obj,
        WriteOptions options, UpdateTarget target = UpdateTarget.Main)
    {
        var meta = obj.Metadata ??= new V1ObjectMeta();
        CheckNamespaceMatches(type, meta, ns);
        if (string.IsNullOrEmpty(meta.Name) || meta.Name != name)
        {
            throw ApiException.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})");
        }
        return Store.Write(() => UpdateLocked(type, obj, options, target, creating: true));
    }

    private WriteResult UpdateLocked(ResourceType type, IKubernetesObject<V1ObjectMeta> obj, WriteOptions options,
        UpdateTarget target, bool creating)
    {
        var meta = obj.Metadata;
        var name = meta.Name;
        var existing = Store.Get(type, meta.NamespaceProperty, name);
        if (existing is null)
        {
            if (!creating || target != UpdateTarget.Main || !type.Strategy.AllowCreateOnUpdate || !string.IsNullOrEmpty(meta.ResourceVersion))
            {
                AdmitNamespace(type, meta.NamespaceProperty, name, creating: false);
                throw ApiErrors.NotFound(type, name);
            }
            return CreateLocked(type, obj, options) with { StatusCode = 201 };
        }
        AdmitNamespace(type, meta.NamespaceProperty, name, creating: false);
        // A uid in the object is a precondition of the update (defaultUpdatedObjectInfo.Preconditions).
        if (!string.IsNullOrEmpty(meta.Uid) && meta.Uid != existing.Metadata.Uid)
        {
            throw ApiErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {meta.Uid}, UID in object meta: {existing.Metadata.Uid}");
        }
        if (!string.IsNullOrEmpty(meta.ResourceVersion) && meta.ResourceVersion != existing.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict(type, name, ApiErrors.ObjectModified);
        }
        var old = existing.Model;
        PrepareUpdatedMeta(type, meta, old.Metadata);

        var context = Context(options);
        var strategy = type.Strategy;
        List<FieldError> errors;
        switch (target)
        {
            case UpdateTarget.Status:
                strategy.PrepareForStatusUpdate(obj, old);
                errors = strategy.ValidateStatusUpdate(obj, old, context).ToList();
                break;
            case UpdateTarget.Finalize:
                var namespaces = (NamespaceStrategy)strategy;
                namespaces.PrepareForFinalize(obj, old);
                errors = namespaces.ValidateFinalize(obj, old, context).ToList();
                break;
            case UpdateTarget.Binding:
                errors = PodStrategy.PrepareForBinding(obj, old).ToList();
                break;
            default:
                strategy.Default(obj, context);
                ThrowIfInvalid(type, name, strategy.BeginUpdate(obj, old, context).ToList());
                strategy.PrepareForUpdate(obj, old);
                errors = strategy.ValidateUpdate(obj, old, context).ToList();
                break;
        }
        ThrowIfInvalid(type, name, errors);
        return Commit(type, existing, obj, options);
    }

    /// <summary>Deleting, and nothing holds it any more: no finalizers (and for a namespace, no spec.finalizers).</summary>
    private static bool IsReadyToRemove(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.DeletionTimestamp is not null
        && (obj.Metadata.Finalizers?.Count ?? 0) == 0
        && obj.Metadata.DeletionGracePeriodSeconds is null or 0 // a pod in its grace period stays (ShouldDeleteDuringUpdate)
        && (obj is not V1Namespace ns || (ns.Spec?.Finalizers?.Count ?? 0) == 0);

    /// <summary>BeforeUpdate's metadata rules: system fields come from the stored object.</summary>
    private static void PrepareUpdatedMeta(ResourceType type, V1ObjectMeta meta, V1ObjectMeta old)
    {
        meta.Generation = old.Generation;
        if (string.IsNullOrEmpty(meta.Uid))
        {
            meta.Uid = old.Uid;
        }
        meta.CreationTimestamp = old.CreationTimestamp;
        if (old.DeletionTimestamp is not null)
        {
            meta.DeletionTimestamp = old.DeletionTimestamp;
            meta.DeletionGracePeriodSeconds = old.DeletionGracePeriodSeconds;
            var added = (meta.Finalizers ?? []).Except(old.Finalizers ?? []).ToList();
            if (added.Count > 0)
            {
                throw ApiErrors.Forbidden(type, meta.Name,
                    $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(FieldError.Quote))}}}");
            }
        }
        else
        {
            meta.DeletionTimestamp = null;
            meta.DeletionGracePeriodSeconds = null;
        }
        meta.SelfLink = null;
    }

    /// <summary>Stores an admitted update: a no-op changes nothing; an object being deleted whose last finalizer went is removed.</summary>
    private WriteResult Commit(ResourceType type, StoredObject existing, IKubernetesObject<V1ObjectMeta> obj, WriteOptions options)
    {
        var codec = Store.Codec(type);
        obj.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        var json = codec.Encode(obj);
        if (json.AsSpan().SequenceEqual(existing.Json))
        {
            return new WriteResult(existing.Model, existing.Json, 200);
        }
        if (options.DryRun)
        {
            return new WriteResult(obj, json, 200);
        }
        if (IsReadyToRemove(obj))
        {
            var tombstone = Store.Remove(type, existing);
            return new WriteResult(obj, tombstone.Json, 200);
        }
        var stored = Store.Put(type, obj, existing);
        return new WriteResult(stored.Model, stored.Json, 200);
    }
}
