using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Admission;

/// <summary>What a strategy may know about the request and the cluster while it admits one write.</summary>
/// <param name="DryRun">True for <c>dryRun=All</c>: allocate nothing for real.</param>
/// <param name="Cluster">Read access to the stored objects of any kind, as of this write.</param>
public sealed record AdmissionContext(bool DryRun, IClusterReader Cluster)
{
    /// <summary>Who makes the write (RBAC's escalation check needs it); null for the emulator's own writes.</summary>
    public Auth.UserInfo? User { get; init; }
}

/// <summary>Read-only access to the emulator's current objects, for admission that looks across kinds.</summary>
public interface IClusterReader
{
    /// <summary>All stored objects of a resource (plural, e.g. <c>ingressclasses</c>), in any namespace.</summary>
    IEnumerable<IKubernetesObject<V1ObjectMeta>> List(string plural);
}
