using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Nodes;

/// <summary>
/// v1 Node (k/k <c>pkg/registry/core/node/strategy.go</c>): cluster-scoped, named as a DNS subdomain; unlike most kinds a
/// Node may be created with its status (a kubelet registers itself that way), which later writes keep and only
/// <c>/status</c> changes. <c>SetDefaults_NodeStatus</c>: allocatable defaults to capacity.
/// </summary>
public sealed class NodeStrategy : ResourceStrategy
{
    private static readonly FieldPath Metadata = new("metadata");

    /// <summary>Raised after any Node change is stored (the simulated kubelet binds pending pods to a node that turns Ready).</summary>
    public event Action? Changed;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var node = (V1Node)obj;
        node.Spec ??= new V1NodeSpec();
        if (node.Status is { Allocatable: null, Capacity: { } capacity } status)
        {
            status.Allocatable = new Dictionary<string, ResourceQuantity>(capacity);
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        ((V1Node)obj).Status = ((V1Node)old).Status;

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        ((V1Node)obj).Spec = ((V1Node)old).Spec;

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        ObjectMetaValidator.ValidateObjectMeta(obj.Metadata, false, ValidateName, Metadata, coreFinalizerNames: true);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(obj.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        errors.AddRange(ValidateCreate(obj, context));
        return errors;
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        ObjectMetaValidator.ValidateObjectMetaUpdate(obj.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);

    /// <inheritdoc/>
    public override void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current) => Changed?.Invoke();
}
