using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.ConfigMaps;

/// <summary>
/// v1 ConfigMap (k/k <c>pkg/registry/core/configmap/strategy.go</c>): no defaults, no generation, no status; keys as
/// Secret keys, 1 MiB of data, and data frozen once <c>immutable</c> is set.
/// </summary>
public sealed class ConfigMapStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        ConfigMapValidator.Validate((V1ConfigMap)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        ConfigMapValidator.ValidateUpdate((V1ConfigMap)obj, (V1ConfigMap)old, ValidateName);
}
