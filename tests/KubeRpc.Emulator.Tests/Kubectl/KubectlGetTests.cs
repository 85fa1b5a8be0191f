using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl get</c> in every output format the suite relies on, against objects made by <c>create -f</c>.</summary>
public class KubectlGetTests
{
    [RequiresToolFact("kubectl")]
    public async Task Get_TableWideAndAllNamespaces_PrintServerColumns()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("shop.yaml", KubectlManifests.Shop);

        var created = await kubectl.RunAsync("create", "-f", file);
        var table = await kubectl.RunAsync("get", "svc", "-n", "shop");
        var wide = await kubectl.RunAsync("get", "svc", "-n", "shop", "-o", "wide");
        var all = await kubectl.RunAsync("get", "svc", "-A");
        var both = await kubectl.RunAsync("get", "svc,ing", "-A", "-o", "wide");
        var one = await kubectl.RunAsync("get", "ingress", "web", "-n", "shop");
        var namespaces = await kubectl.RunAsync("get", "namespaces");

        KubectlAssert.Success(created, """
            namespace/shop created
            service/web created
            service/api created
            ingress.networking.k8s.io/web created
            """);
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE
            api    NodePort    10.96.100.11   <none>        8080:30080/TCP   0s
            web    ClusterIP   10.96.100.10   <none>        80/TCP           0s
            """);
        KubectlAssert.Success(wide, """
            NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE   SELECTOR
            api    NodePort    10.96.100.11   <none>        8080:30080/TCP   0s    app=api
            web    ClusterIP   10.96.100.10   <none>        80/TCP           0s    app=web
            """);
        KubectlAssert.Success(all, """
            NAMESPACE   NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE
            default     kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP          0s
            shop        api          NodePort    10.96.100.11   <none>        8080:30080/TCP   0s
            shop        web          ClusterIP   10.96.100.10   <none>        80/TCP           0s
            """);
        KubectlAssert.Success(both, """
            NAMESPACE   NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE   SELECTOR
            default     service/kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP          0s    <none>
            shop        service/api          NodePort    10.96.100.11   <none>        8080:30080/TCP   0s    app=api
            shop        service/web          ClusterIP   10.96.100.10   <none>        80/TCP           0s    app=web

            NAMESPACE   NAME                            CLASS   HOSTS              ADDRESS   PORTS   AGE
            shop        ingress.networking.k8s.io/web   nginx   shop.example.com             80      0s
            """);
        KubectlAssert.Success(one, """
            NAME   CLASS   HOSTS              ADDRESS   PORTS   AGE
            web    nginx   shop.example.com             80      0s
            """);
        KubectlAssert.Success(namespaces, """
            NAME              STATUS   AGE
            default           Active   0s
            kube-node-lease   Active   0s
            kube-public       Active   0s
            kube-system       Active   0s
            shop              Active   0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Get_LabelAndFieldSelectors_FilterRows()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("shop.yaml", KubectlManifests.Shop));

        var equality = await kubectl.RunAsync("get", "svc", "-n", "shop", "-l", "tier=frontend");
        var set = await kubectl.RunAsync("get", "svc", "-A", "-l", "tier in (frontend,backend),app!=web");
        var absent = await kubectl.RunAsync("get", "svc", "-A", "-l", "!tier");
        var type = await kubectl.RunAsync("get", "svc", "-A", "--field-selector", "spec.type=NodePort");
        var name = await kubectl.RunAsync("get", "svc", "-A", "--field-selector", "metadata.name!=web,metadata.namespace=shop");
        var none = await kubectl.RunAsync("get", "svc", "-n", "shop", "-l", "tier=db");
        var noneAnywhere = await kubectl.RunAsync("get", "svc", "-A", "--field-selector", "spec.type=LoadBalancer");
        var unsupported = await kubectl.RunAsync("get", "svc", "-n", "shop", "--field-selector", "spec.ports=80");

        KubectlAssert.Success(equality, """
            NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
            web    ClusterIP   10.96.100.10   <none>        80/TCP    0s
            """);
        const string api = """
            NAMESPACE   NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE
            shop        api    NodePort   10.96.100.11   <none>        8080:30080/TCP   0s
            """;
        KubectlAssert.Success(set, api);
        KubectlAssert.Success(absent, """
            NAMESPACE   NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            default     kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s
            """);
        KubectlAssert.Success(type, api);
        KubectlAssert.Success(name, api);
        KubectlAssert.Output(none, 0, "", "No resources found in shop namespace.");
        KubectlAssert.Output(noneAnywhere, 0, "", "No resources found");
        // kube-apiserver answers 400 "field label not supported: spec.ports" (core/v1 field label conversion);
        // kubectl prefixes the query (cli-runtime EnhanceListError).
        KubectlAssert.Failure(unsupported, "Error from server (BadRequest): Unable to find \"/v1, Resource=services\" that match label selector \"\", field selector \"spec.ports=80\": field label not supported: spec.ports");
    }
}
