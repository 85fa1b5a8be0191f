using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.EndpointSlices;

/// <summary>
/// discovery/v1 EndpointSlice (k/k <c>pkg/registry/discovery/endpointslice/strategy.go</c>): ports default to protocol
/// TCP and name "" (<c>SetDefaults_EndpointPort</c>), generation 1 on create and +1 when anything but metadata changes;
/// no status. Validation is <see cref="EndpointSliceValidator"/>.
/// </summary>
public sealed class EndpointSliceStrategy : ResourceStrategy
{
    /// <summary>Raised after any EndpointSlice change is stored (the controller puts back managed slices others changed).</summary>
    public event Action? Changed;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        foreach (var port in ((V1EndpointSlice)obj).Ports ?? [])
        {
            port.Name ??= "";
            port.Protocol ??= "TCP";
        }
    }

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) => obj.Metadata.Generation = 1;

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var slice = (V1EndpointSlice)obj;
        var previous = (V1EndpointSlice)old;
        var changed = slice.AddressType != previous.AddressType
            || !SemanticEquality.Equal(slice.Endpoints ?? [], previous.Endpoints ?? [])
            || !SemanticEquality.Equal(slice.Ports ?? [], previous.Ports ?? []);
        slice.Metadata.Generation = (previous.Metadata.Generation ?? 0) + (changed ? 1 : 0);
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        EndpointSliceValidator.Validate((V1EndpointSlice)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        EndpointSliceValidator.ValidateUpdate((V1EndpointSlice)obj, (V1EndpointSlice)old, ValidateName);

    /// <inheritdoc/>
    public override void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current) => Changed?.Invoke();
}
