namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// Manifests the tests write to disk. Services carry a fixed clusterIP (and nodePort) so tables and YAML are
/// deterministic; only objects made by kubectl's generators get an allocated, random address.
/// </summary>
internal static class KubectlManifests
{
    /// <summary>Namespace <c>shop</c> with a ClusterIP service, a NodePort service and an Ingress in it.</summary>
    public const string Shop = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
          labels:
            app: web
            tier: frontend
        spec:
          clusterIP: 10.96.100.10
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
          labels:
            app: api
            tier: backend
        spec:
          type: NodePort
          clusterIP: 10.96.100.11
          selector:
            app: api
          ports:
          - port: 8080
            nodePort: 30080
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
        spec:
          ingressClassName: nginx
          rules:
          - host: shop.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
        """;

    /// <summary>Service <c>web</c> in <c>default</c> with a fixed clusterIP, the object most tests edit.</summary>
    public static string Web(int port = 80, string? extraLabel = null, string? resourceVersion = null) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            app: web{(extraLabel is null ? "" : $"\n    {extraLabel}")}{(resourceVersion is null ? "" : $"\n  resourceVersion: \"{resourceVersion}\"")}
        spec:
          clusterIP: 10.96.0.50
          selector:
            app: web
          ports:
          - port: {port}
            targetPort: 8080
        """;
}
