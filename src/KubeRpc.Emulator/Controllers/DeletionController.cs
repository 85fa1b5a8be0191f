using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// The controllers a real cluster runs for deletion: the garbage collector's handling of the
/// <c>orphan</c>/<c>foregroundDeletion</c> finalizers (nothing here owns dependents, so they are dropped at
/// once) and the namespace controller (delete everything inside a terminating namespace, then remove the
/// <c>kubernetes</c> finalizer so the namespace goes).
/// </summary>
internal sealed class DeletionController : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);
    private readonly ObjectRegistry _registry;
    private readonly ReconcileLoop _loop;

    public DeletionController(ObjectRegistry registry)
    {
        _registry = registry;
        // Work left (user finalizers, say) is looked at again shortly.
        _loop = new ReconcileLoop(() => !Reconcile(), Retry, passAtStart: false);
        registry.DeletionPending += _loop.Signal;
    }

    /// <summary>One pass over everything being deleted; true when something is still pending.</summary>
    private bool Reconcile()
    {
        var pending = false;
        foreach (var type in _registry.Catalog.All)
        {
            foreach (var item in _registry.Store.Log(type).Items.Values)
            {
                if (item.Metadata.DeletionTimestamp is not null && item.Metadata.Finalizers is { } f
                    && (f.Contains(ObjectRegistry.OrphanFinalizer) || f.Contains(ObjectRegistry.ForegroundFinalizer)))
                {
                    DropGcFinalizers(type, item);
                }
            }
        }
        foreach (var item in _registry.Store.Log(_registry.Catalog.Namespaces).Items.Values)
        {
            if (item.Model is V1Namespace { Status.Phase: "Terminating" } ns)
            {
                pending |= !FinishNamespace(ns);
            }
        }
        return pending;
    }

    private void DropGcFinalizers(ResourceType type, StoredObject item)
    {
        var copy = _registry.Store.Codec(type).Decode(item.Json);
        copy.Metadata.Finalizers = copy.Metadata.Finalizers!
            .Where(f => f is not (ObjectRegistry.OrphanFinalizer or ObjectRegistry.ForegroundFinalizer)).ToList();
        TryWrite(() => _registry.Update(type, item.Namespace, item.Name, copy, WriteOptions.Default));
    }

    /// <summary>Deletes the namespace's content; once empty, finalizes it. True when the namespace is gone.</summary>
    private bool FinishNamespace(V1Namespace ns)
    {
        var name = ns.Metadata.Name;
        var remaining = 0;
        foreach (var type in _registry.Catalog.All.Where(t => t.Namespaced))
        {
            foreach (var item in _registry.Store.Log(type).Items.Values.Where(i => i.Namespace == name))
            {
                remaining++;
                if (item.Metadata.DeletionTimestamp is null)
                {
                    TryWrite(() => _registry.Delete(type, name, item.Name, DeleteOptions.Default));
                }
            }
        }
        if (remaining > 0 && _registry.Catalog.All.Where(t => t.Namespaced)
                .Any(t => _registry.Store.Log(t).Items.Values.Any(i => i.Namespace == name)))
        {
            return false;
        }
        var namespaces = _registry.Catalog.Namespaces;
        var current = _registry.Store.Get(namespaces, null, name);
        if (current is null)
        {
            return true;
        }
        var copy = (V1Namespace)_registry.Store.Codec(namespaces).Decode(current.Json);
        copy.Spec ??= new V1NamespaceSpec();
        copy.Spec.Finalizers = copy.Spec.Finalizers?.Where(f => f != "kubernetes").ToList();
        TryWrite(() => _registry.Update(namespaces, null, name, copy, WriteOptions.Default, UpdateTarget.Finalize));
        return _registry.Store.Get(namespaces, null, name) is null;
    }

    private static void TryWrite(Func<WriteResult> write)
    {
        try
        {
            write();
        }
        catch (ApiException)
        {
            // Changed or gone meanwhile: the next pass sees the new state.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _registry.DeletionPending -= _loop.Signal;
        await _loop.DisposeAsync();
    }
}
