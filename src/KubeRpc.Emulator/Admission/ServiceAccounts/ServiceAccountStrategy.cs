using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.ServiceAccounts;

/// <summary>
/// v1 ServiceAccount (k/k <c>pkg/registry/core/serviceaccount/strategy.go</c>): a secret reference keeps only its
/// name, on create and on update; validation is the metadata's (<c>ValidateServiceAccount</c> names a service
/// account as a DNS subdomain). No defaults, no generation, no status.
/// </summary>
public sealed class ServiceAccountStrategy : ResourceStrategy
{
    private static readonly FieldPath Metadata = new("metadata");

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) => CleanSecretReferences((V1ServiceAccount)obj);

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        CleanSecretReferences((V1ServiceAccount)obj);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        ObjectMetaValidator.ValidateObjectMeta(obj.Metadata ?? new V1ObjectMeta(), true, ValidateName, Metadata, coreFinalizerNames: true);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(obj.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        errors.AddRange(ValidateCreate(obj, context));
        return errors;
    }

    // cleanSecretReferences: kind, uid, fieldPath and the rest of an ObjectReference are dropped.
    private static void CleanSecretReferences(V1ServiceAccount account)
    {
        if (account.Secrets is { } secrets)
        {
            account.Secrets = [.. secrets.Select(s => new V1ObjectReference { Name = s?.Name })];
        }
    }
}
