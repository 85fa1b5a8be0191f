using k8s;
using k8s.Models;

using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Namespaces;

/// <summary>
/// v1 Namespace, cluster-scoped (k/k <c>pkg/registry/core/namespace/strategy.go</c>): the
/// <c>kubernetes.io/metadata.name</c> label, phase Active and the <c>kubernetes</c> finalizer on create,
/// <c>spec.finalizers</c> and status kept on a normal update, status-only <c>/status</c> writes and the
/// <c>/finalize</c> subresource (<see cref="PrepareForFinalize"/>, <see cref="ValidateFinalize"/>).
/// DELETE answers with the namespace itself.
/// </summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    /// <summary>The label every namespace carries, equal to its name (k8s.io/api <c>LabelMetadataName</c>).</summary>
    public const string MetadataNameLabel = "kubernetes.io/metadata.name";

    /// <summary>The finalizer the namespace controller removes once the namespace is empty.</summary>
    public const string KubernetesFinalizer = "kubernetes";

    /// <inheritdoc/>
    public override bool ReturnDeletedObject => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsLabel(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var ns = (V1Namespace)obj;
        Canonicalize(ns);
        ns.Status ??= new V1NamespaceStatus();
        if (string.IsNullOrEmpty(ns.Status.Phase))
        {
            ns.Status.Phase = "Active";
        }
    }

    /// <summary>
    /// Sets <c>kubernetes.io/metadata.name</c> to the name. kube-apiserver does this in defaulting and again in
    /// <c>Canonicalize</c>, after a <c>generateName</c> has become a name: call it once the name is final.
    /// </summary>
    public void Canonicalize(IKubernetesObject<V1ObjectMeta> obj)
    {
        var name = obj.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }
        obj.Metadata!.Labels ??= new Dictionary<string, string>();
        obj.Metadata.Labels[MetadataNameLabel] = name;
    }

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var ns = (V1Namespace)obj;
        ns.Status = new V1NamespaceStatus { Phase = "Active" };
        ns.Spec ??= new V1NamespaceSpec();
        ns.Spec.Finalizers ??= new List<string>();
        // Required on create, but not a default: the namespace controller removes it over the object's life.
        if (!ns.Spec.Finalizers.Contains(KubernetesFinalizer))
        {
            ns.Spec.Finalizers.Add(KubernetesFinalizer);
        }
        Canonicalize(ns);
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var ns = (V1Namespace)obj;
        var previous = (V1Namespace)old;
        ns.Spec ??= new V1NamespaceSpec();
        ns.Spec.Finalizers = previous.Spec?.Finalizers is { } finalizers ? [.. finalizers] : null;
        ns.Status = previous.Status;
        Canonicalize(ns);
    }

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var ns = (V1Namespace)obj;
        ns.Spec = ((V1Namespace)old).Spec;
        // The status body was decoded with defaults too (SetDefaults_NamespaceStatus).
        ns.Status ??= new V1NamespaceStatus();
        if (string.IsNullOrEmpty(ns.Status.Phase))
        {
            ns.Status.Phase = "Active";
        }
    }

    /// <summary>
    /// <c>PUT /api/v1/namespaces/{name}/finalize</c>: the request's spec (its finalizers) and metadata are taken, status
    /// stays as stored (<c>namespaceFinalizeStrategy.PrepareForUpdate</c>).
    /// </summary>
    public void PrepareForFinalize(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        ((V1Namespace)obj).Status = ((V1Namespace)old).Status;

    /// <summary>Validation of a <c>/finalize</c> write: metadata update rules and each finalizer name, with its index.</summary>
    public IEnumerable<FieldError> ValidateFinalize(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        NamespaceValidator.ValidateFinalizeUpdate((V1Namespace)obj, (V1Namespace)old);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        NamespaceValidator.Validate((V1Namespace)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        NamespaceValidator.ValidateUpdate((V1Namespace)obj, (V1Namespace)old, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        NamespaceValidator.ValidateStatusUpdate((V1Namespace)obj, (V1Namespace)old);
}
