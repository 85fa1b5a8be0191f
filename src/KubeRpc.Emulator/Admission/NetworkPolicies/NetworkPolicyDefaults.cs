using k8s.Models;

namespace KubeRpc.Emulator.Admission.NetworkPolicies;

/// <summary>
/// <c>SetDefaults_NetworkPolicy</c> and <c>SetDefaults_NetworkPolicyPort</c> (k/k <c>pkg/apis/networking/v1/defaults.go</c>):
/// without policyTypes a policy is an Ingress policy, plus Egress when it has egress rules; a port's protocol is TCP.
/// </summary>
internal static class NetworkPolicyDefaults
{
    public static void Apply(V1NetworkPolicy policy)
    {
        // spec and spec.podSelector are structs in Go: always there, if only empty.
        var spec = policy.Spec ??= new V1NetworkPolicySpec();
        spec.PodSelector ??= new V1LabelSelector();
        if (spec.PolicyTypes is not { Count: > 0 })
        {
            spec.PolicyTypes = spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
        }
        foreach (var port in (spec.Ingress ?? []).SelectMany(r => r.Ports ?? []).Concat((spec.Egress ?? []).SelectMany(r => r.Ports ?? [])))
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }
        }
    }
}
