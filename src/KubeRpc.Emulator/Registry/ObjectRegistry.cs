using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Registry;

/// <summary>
/// kube-apiserver's generic registry over the <see cref="ObjectStore"/>: metadata bookkeeping, strategies,
/// preconditions, dry run, finalizers and the NamespaceLifecycle admission. One write is admitted and stored
/// under the store's write lock, so allocation and commit are atomic.
/// </summary>
internal sealed partial class ObjectRegistry
{
    private const int GenerateNameAttempts = 8;

    public ObjectRegistry(ObjectStore store, ResourceCatalog catalog)
    {
        Store = store;
        Catalog = catalog;
    }

    public ObjectStore Store { get; }

    public ResourceCatalog Catalog { get; }

    /// <summary>Raised (outside the write lock) after a namespace enters Terminating or an object gains a deletionTimestamp.</summary>
    public event Action? DeletionPending;

    private DateTime NowSeconds()
    {
        var now = Store.Now;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private AdmissionContext Context(bool dryRun) => new(dryRun, Store);

    private AdmissionContext Context(WriteOptions options) => new(options.DryRun, Store) { User = options.User };

    /// <summary>What defaulting may read while a request body is decoded (defaults look at nothing stored).</summary>
    public AdmissionContext DecodingContext => Context(dryRun: false);

    /// <summary>NamespaceLifecycle: writes into a missing namespace are 404, creates into a terminating one 403.</summary>
    private void AdmitNamespace(ResourceType type, string? ns, string name, bool creating)
    {
        if (!type.Namespaced || ns is null)
        {
            return;
        }
        var namespaces = Catalog.Namespaces;
        var stored = Store.Get(namespaces, null, ns);
        if (stored is null)
        {
            throw ApiErrors.NotFound(namespaces, ns);
        }
        if (creating && stored.Model is V1Namespace { Status.Phase: "Terminating" })
        {
            throw ApiErrors.Forbidden(type, name,
                $"unable to create new content in namespace {ns} because it is being terminated",
                [new StatusCauseInfo("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]);
        }
    }

    private static void CheckNamespaceMatches(ResourceType type, V1ObjectMeta meta, string? ns)
    {
        if (!type.Namespaced)
        {
            meta.NamespaceProperty = null;
            return;
        }
        if (string.IsNullOrEmpty(meta.NamespaceProperty))
        {
            meta.NamespaceProperty = ns;
        }
        else if (meta.NamespaceProperty != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void ThrowIfInvalid(ResourceType type, string name, List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type, name, errors);
        }
    }

    private void OnDeletionPending() => DeletionPending?.Invoke();
}
