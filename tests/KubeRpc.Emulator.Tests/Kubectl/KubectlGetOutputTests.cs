using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl get -o yaml|json|name|custom-columns</c> and paged lists.</summary>
public class KubectlGetOutputTests
{
    [RequiresToolFact("kubectl")]
    public async Task Get_YamlAndJson_PrintDefaultedObject()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("shop.yaml", KubectlManifests.Shop));

        var yaml = await kubectl.RunAsync("get", "svc", "api", "-n", "shop", "-o", "yaml");
        var json = await kubectl.RunAsync("get", "ingress", "web", "-n", "shop", "-o", "json");
        var list = await kubectl.RunAsync("get", "svc", "-n", "shop", "-l", "app=web", "-o", "yaml");
        var seeded = await kubectl.RunAsync("get", "svc", "kubernetes", "-o", "yaml");

        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Service
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                app: api
                tier: backend
              name: api
              namespace: shop
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              clusterIP: 10.96.100.11
              clusterIPs:
              - 10.96.100.11
              externalTrafficPolicy: Cluster
              internalTrafficPolicy: Cluster
              ipFamilies:
              - IPv4
              ipFamilyPolicy: SingleStack
              ports:
              - nodePort: 30080
                port: 8080
                protocol: TCP
                targetPort: 8080
              selector:
                app: api
              sessionAffinity: None
              type: NodePort
            status:
              loadBalancer: {}
            """);
        KubectlAssert.Success(json.Masked(KubectlAssert.MaskIds), """
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "Ingress",
                "metadata": {
                    "creationTimestamp": "2025-01-02T15:04:05Z",
                    "generation": 1,
                    "name": "web",
                    "namespace": "shop",
                    "resourceVersion": "<rv>",
                    "uid": "<uid>"
                },
                "spec": {
                    "ingressClassName": "nginx",
                    "rules": [
                        {
                            "host": "shop.example.com",
                            "http": {
                                "paths": [
                                    {
                                        "backend": {
                                            "service": {
                                                "name": "web",
                                                "port": {
                                                    "number": 80
                                                }
                                            }
                                        },
                                        "path": "/",
                                        "pathType": "Prefix"
                                    }
                                ]
                            }
                        }
                    ]
                },
                "status": {
                    "loadBalancer": {}
                }
            }
            """);
        KubectlAssert.Success(list.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Service
              metadata:
                creationTimestamp: "2025-01-02T15:04:05Z"
                labels:
                  app: web
                  tier: frontend
                name: web
                namespace: shop
                resourceVersion: "<rv>"
                uid: <uid>
              spec:
                clusterIP: 10.96.100.10
                clusterIPs:
                - 10.96.100.10
                internalTrafficPolicy: Cluster
                ipFamilies:
                - IPv4
                ipFamilyPolicy: SingleStack
                ports:
                - name: http
                  port: 80
                  protocol: TCP
                  targetPort: 8080
                selector:
                  app: web
                sessionAffinity: None
                type: ClusterIP
              status:
                loadBalancer: {}
            kind: List
            metadata:
              resourceVersion: ""
            """);
        KubectlAssert.Success(seeded.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Service
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                component: apiserver
                provider: kubernetes
              name: kubernetes
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              clusterIP: 10.96.0.1
              clusterIPs:
              - 10.96.0.1
              internalTrafficPolicy: Cluster
              ipFamilies:
              - IPv4
              ipFamilyPolicy: SingleStack
              ports:
              - name: https
                port: 443
                protocol: TCP
                targetPort: 6443
              sessionAffinity: None
              type: ClusterIP
            status:
              loadBalancer: {}
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Get_PagedAndClientFormats_SameRowsInEachForm()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("shop.yaml", KubectlManifests.Shop));

        // One item per page: kubectl follows limit/continue and still prints a single table.
        var paged = await kubectl.RunAsync("get", "svc", "-A", "--chunk-size=1");
        var names = await kubectl.RunAsync("get", "svc,ing", "-n", "shop", "-o", "name");
        var columns = await kubectl.RunAsync("get", "svc", "-A", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name,PORTS:.spec.ports[*].port,NODEPORT:.spec.ports[*].nodePort");

        KubectlAssert.Success(paged, """
            NAMESPACE   NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE
            default     kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP          0s
            shop        api          NodePort    10.96.100.11   <none>        8080:30080/TCP   0s
            shop        web          ClusterIP   10.96.100.10   <none>        80/TCP           0s
            """);
        KubectlAssert.Success(names, """
            service/api
            service/web
            ingress.networking.k8s.io/web
            """);
        KubectlAssert.Success(columns, """
            NS        NAME         PORTS   NODEPORT
            default   kubernetes   443     <none>
            shop      api          8080    30080
            shop      web          80      <none>
            """);
    }
}
