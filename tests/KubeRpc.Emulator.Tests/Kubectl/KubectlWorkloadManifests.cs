namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Manifests of the kinds a KubeRpc deployment needs, for the kubectl tests.</summary>
internal static class KubectlWorkloadManifests
{
    /// <summary>A policy letting clients reach web pods on 8080 and DNS out, and a deny-all ingress policy.</summary>
    public const string NetworkPolicies = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-web
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  role: client
            ports:
            - port: 8080
          egress:
          - ports:
            - port: 53
              protocol: UDP
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny
        spec:
          podSelector: {}
        """;
}
