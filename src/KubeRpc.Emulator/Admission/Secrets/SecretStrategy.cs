using System.Text;
using k8s;
using k8s.Models;

using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Secrets;

/// <summary>
/// v1 Secret (k/k <c>pkg/registry/core/secret/strategy.go</c>): <c>type</c> defaults to Opaque, <c>stringData</c> is
/// merged into <c>data</c> and never stored (the v1→internal conversion does this on every write), the type is
/// immutable, and a secret marked <c>immutable</c> keeps its data. No generation, no status.
/// </summary>
public sealed class SecretStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var secret = (V1Secret)obj;
        if (string.IsNullOrEmpty(secret.Type))
        {
            secret.Type = "Opaque";
        }
        if (secret.StringData is { Count: > 0 })
        {
            secret.Data ??= new Dictionary<string, byte[]>();
            // stringData wins over data for the same key (Convert_v1_Secret_To_core_Secret).
            foreach (var (key, value) in secret.StringData)
            {
                secret.Data[key] = Encoding.UTF8.GetBytes(value ?? "");
            }
        }
        secret.StringData = null;
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var secret = (V1Secret)obj;
        if (string.IsNullOrEmpty(secret.Type))
        {
            secret.Type = ((V1Secret)old).Type;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        SecretValidator.Validate((V1Secret)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        SecretValidator.ValidateUpdate((V1Secret)obj, (V1Secret)old, ValidateName);
}
