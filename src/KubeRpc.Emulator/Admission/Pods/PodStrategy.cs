using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.PodTemplates;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Pods;

/// <summary>
/// v1 Pod (k/k <c>pkg/registry/core/pod/strategy.go</c>): the pod-spec defaults shared with templates plus
/// <c>SetDefaults_Pod</c>'s, the admission a cluster applies on create (service account, default tolerations, priority),
/// status <c>Pending</c> with its QoS class on create and kept on update, a spec that is immutable but for a few fields
/// (<see cref="PodUpdateRules"/>), and graceful deletion (<see cref="GracePeriod"/>).
/// </summary>
public sealed class PodStrategy : ResourceStrategy
{
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath Spec = new("spec");

    /// <summary>Raised after any Pod change is stored (the simulated kubelet waits on it).</summary>
    public event Action? Changed;

    /// <inheritdoc/>
    public override bool ReturnDeletedObject => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => NameValidation.NameIsDnsSubdomain(name, prefix);

    /// <inheritdoc/>
    public override void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var pod = (V1Pod)obj;
        var spec = pod.Spec ??= new V1PodSpec();
        PodTemplateDefaults.ApplyPodSpec(spec);
        spec.EnableServiceLinks ??= true; // SetDefaults_Pod
        if (pod.Status is { } status)
        {
            PodStatusIps.Normalize(status);
        }
    }

    /// <summary>The admission plugins of a default cluster that change a new Pod (ServiceAccount, DefaultTolerationSeconds, Priority).</summary>
    public override IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var spec = ((V1Pod)obj).Spec!;
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            spec.ServiceAccountName = "default";
            spec.ServiceAccount = "default";
        }
        var tolerations = spec.Tolerations ?? [];
        foreach (var taint in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            if (!tolerations.Any(t => t.Key == taint && t.Effect is "NoExecute" or null or ""))
            {
                tolerations.Add(new V1Toleration { Key = taint, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 });
            }
        }
        spec.Tolerations = tolerations;
        spec.Priority ??= 0;
        spec.PreemptionPolicy ??= "PreemptLowerPriority";
        return [];
    }

    /// <inheritdoc/>
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var pod = (V1Pod)obj;
        pod.Status = new V1PodStatus { Phase = "Pending", QosClass = PodQos.Of(pod.Spec!) };
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) =>
        ((V1Pod)obj).Status = ((V1Pod)old).Status;

    /// <inheritdoc/>
    public override void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var pod = (V1Pod)obj;
        pod.Spec = ((V1Pod)old).Spec;
        if (pod.Status is { } status)
        {
            PodStatusIps.Normalize(status);
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context)
    {
        var pod = (V1Pod)obj;
        var errors = ObjectMetaValidator.ValidateObjectMeta(pod.Metadata, true, ValidateName, Metadata, coreFinalizerNames: true);
        errors.AddRange(PodTemplateValidator.ValidateSpec(pod.Spec!, Spec));
        return errors;
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var pod = (V1Pod)obj;
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(pod.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        errors.AddRange(ValidateCreate(obj, context));
        errors.AddRange(PodUpdateRules.Validate(pod.Spec!, ((V1Pod)old).Spec!, Spec));
        return errors;
    }

    /// <inheritdoc/>
    public override IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context)
    {
        var pod = (V1Pod)obj;
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(pod.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        errors.AddRange(PodStatusIps.Validate(pod.Status ?? new V1PodStatus()));
        return errors;
    }

    /// <summary>
    /// <c>CheckGracefulDelete</c>: the requested period, else the pod's terminationGracePeriodSeconds; a pod never
    /// scheduled or already finished goes at once; a negative period means one second.
    /// </summary>
    public override long? GracePeriod(IKubernetesObject<V1ObjectMeta> obj, long? requested)
    {
        var pod = (V1Pod)obj;
        var period = requested ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Failed" or "Succeeded")
        {
            period = 0;
        }
        return period < 0 ? 1 : period;
    }

    /// <summary>
    /// The binding's write (<c>assignPod</c>): everything from the stored pod but the new nodeName, which may only be set
    /// on a pod not yet bound.
    /// </summary>
    internal static IEnumerable<FieldError> PrepareForBinding(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var pod = (V1Pod)obj;
        var previous = (V1Pod)old;
        var nodeName = pod.Spec?.NodeName;
        pod.Spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(previous.Spec));
        pod.Status = previous.Status;
        if (!string.IsNullOrEmpty(previous.Spec?.NodeName))
        {
            return [FieldError.Forbidden(Spec.Child("nodeName"), $"pod {previous.Metadata.Name} is already assigned to node {FieldError.Quote(previous.Spec.NodeName)}")];
        }
        pod.Spec.NodeName = nodeName;
        return [];
    }

    /// <inheritdoc/>
    public override void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current) => Changed?.Invoke();
}
