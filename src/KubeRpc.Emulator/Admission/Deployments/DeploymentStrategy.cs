using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Deployments;

/// <summary>
/// apps/v1 Deployment (k/k <c>pkg/registry/apps/deployment/strategy.go</c>): defaults of <see cref="DeploymentDefaults"/>,
/// status cleared and generation 1 on create, status kept and generation +1 when the spec or the annotations change
/// on update, <c>/status</c> writes that keep spec and labels, release-1.32 validation. No controller acts on a
/// Deployment here, so no ReplicaSets or Pods appear and the status stays as written.
/// </summary>
public sealed class DeploymentStrategy : ResourceStrategy
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) => DeploymentDefaults.Apply((V1Deployment)obj);

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var deployment = (V1Deployment)obj;
        deployment.Status = new V1DeploymentStatus();
        deployment.Metadata.Generation = 1;
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var deployment = (V1Deployment)obj;
        var previous = (V1Deployment)old;
        deployment.Status = previous.Status ?? new V1DeploymentStatus();
        // Annotations count too: the deployment controller copies them to the ReplicaSets.
        if (!SemanticEquality.Equal(deployment.Spec, previous.Spec)
            || !SemanticEquality.Equal(deployment.Metadata.Annotations ?? new Dictionary<string, string>(), previous.Metadata.Annotations ?? new Dictionary<string, string>()))
        {
            deployment.Metadata.Generation = (previous.Metadata.Generation ?? 0) + 1;
        }
    }

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var deployment = (V1Deployment)obj;
        var previous = (V1Deployment)old;
        deployment.Spec = previous.Spec;
        deployment.Metadata.Labels = previous.Metadata.Labels;
        deployment.Status ??= new V1DeploymentStatus();
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) =>
        DeploymentValidator.Validate((V1Deployment)obj, ValidateName);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        DeploymentValidator.ValidateUpdate((V1Deployment)obj, (V1Deployment)old);

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) =>
        DeploymentValidator.ValidateStatusUpdate((V1Deployment)obj, (V1Deployment)old);
}
