using k8s.Models;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// The <c>DefaultIngressClass</c> admission plugin (k/k <c>plugin/pkg/admission/network/defaultingressclass</c>):
/// on create, an Ingress that names no class, neither by <c>spec.ingressClassName</c> nor by the legacy annotation,
/// gets the default IngressClass. With several defaults the newest wins (ties: the smaller name), as since 1.28.
/// </summary>
internal static class DefaultIngressClass
{
    /// <summary>The annotation that marks an IngressClass as the cluster default.</summary>
    public const string IsDefaultAnnotation = "ingressclass.kubernetes.io/is-default-class";

    private const string ClassAnnotation = "kubernetes.io/ingress.class";

    public static void Admit(V1Ingress ingress, IClusterReader cluster)
    {
        // An explicit "" counts as set, as Go checks the pointer.
        if (ingress.Spec?.IngressClassName is not null
            || ingress.Metadata?.Annotations?.ContainsKey(ClassAnnotation) == true)
        {
            return;
        }
        var chosen = cluster.List("ingressclasses")
            .Where(c => c.Metadata?.Annotations?.TryGetValue(IsDefaultAnnotation, out var v) == true && v == "true")
            .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (chosen is null)
        {
            return;
        }
        ingress.Spec ??= new V1IngressSpec();
        ingress.Spec.IngressClassName = chosen.Metadata.Name;
    }
}
