using k8s;
using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Registry;

internal sealed partial class ObjectRegistry
{
    /// <summary>POST to a collection: 201 with the stored object (as <c>registry/generic/registry/store.go</c> Create).</summary>
    public WriteResult Create(ResourceType type, string? ns, IKubernetesObject<V1ObjectMeta> obj, WriteOptions options)
    {
        var meta = obj.Metadata ??= new V1ObjectMeta();
        CheckNamespaceMatches(type, meta, ns);
        if (!string.IsNullOrEmpty(meta.ResourceVersion))
        {
            // The storage's plain error, which kube-apiserver answers with 500; the client's mistake is a 400 here.
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }
        var generate = string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName);
        var json = Store.Codec(type).Encode(obj);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = Store.Codec(type).Decode(json);
            if (generate)
            {
                candidate.Metadata.Name = NameGenerator.Generate(candidate.Metadata.GenerateName);
            }
            try
            {
                return Store.Write(() => CreateLocked(type, candidate, options));
            }
            catch (ApiException e) when (generate && e.Reason == "AlreadyExists" && attempt < GenerateNameAttempts)
            {
                // Another object took the random name: try a new one, as RetryGenerateName does.
            }
            catch (ApiException e) when (generate && e.Reason == "AlreadyExists")
            {
                throw new ApiException(409, "AlreadyExists",
                    $"{e.Message}, the server was not able to generate a unique name for the object", e.Details);
            }
        }
    }

    private WriteResult CreateLocked(ResourceType type, IKubernetesObject<V1ObjectMeta> obj, WriteOptions options)
    {
        var meta = obj.Metadata;
        var name = meta.Name ?? "";
        AdmitNamespace(type, meta.NamespaceProperty, name, creating: true);
        var context = Context(options);

        // FillObjectMetaSystemFields, then BeforeCreate's clearing of what clients may not set.
        meta.Uid = Guid.NewGuid().ToString();
        meta.CreationTimestamp = NowSeconds();
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.Generation = null;
        meta.SelfLink = null;

        var strategy = type.Strategy;
        strategy.Default(obj, context);
        var allocation = strategy.BeginCreate(obj, context).ToList();
        ThrowIfInvalid(type, name, allocation);
        strategy.PrepareForCreate(obj);
        ThrowIfInvalid(type, name, strategy.ValidateCreate(obj, context).ToList());
        // After validation: an invalid object is 422 even for a user who may not create it, as in kube-apiserver.
        options.AuthorizeCreate?.Invoke();

        if (Store.Get(type, meta.NamespaceProperty, name) is not null)
        {
            throw ApiErrors.AlreadyExists(type, name);
        }
        if (options.DryRun)
        {
            return new WriteResult(obj, Store.Codec(type).Encode(obj), 201);
        }
        var stored = Store.Put(type, obj, null);
        return new WriteResult(stored.Model, stored.Json, 201);
    }
}
