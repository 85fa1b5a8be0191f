using k8s.Models;

namespace KubeRpc.Emulator.Admission.Pods;

/// <summary>
/// <c>GetPodQOS</c> (k/k <c>pkg/apis/core/helper/qos</c>) over cpu and memory: BestEffort without requests or limits,
/// Guaranteed when every container limits both and requests equal limits, Burstable otherwise.
/// </summary>
internal static class PodQos
{
    private static readonly string[] Compute = ["cpu", "memory"];

    public static string Of(V1PodSpec spec)
    {
        var containers = (spec.InitContainers ?? []).Concat(spec.Containers ?? []).ToList();
        var any = containers.Any(c => Compute.Any(r => Has(c.Resources?.Requests, r) || Has(c.Resources?.Limits, r)));
        if (!any)
        {
            return "BestEffort";
        }
        var guaranteed = containers.All(c => Compute.All(r =>
            Has(c.Resources?.Limits, r)
            && (!Has(c.Resources?.Requests, r) || c.Resources!.Requests![r].ToDecimal() == c.Resources!.Limits![r].ToDecimal())));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static bool Has(IDictionary<string, ResourceQuantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) && q.ToDecimal() != 0;
}
