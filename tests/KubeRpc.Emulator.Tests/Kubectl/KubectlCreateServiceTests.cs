using System.Text.RegularExpressions;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// <c>kubectl create service</c> of each type. The server allocates clusterIPs and nodePorts at random, so
/// the tests read them back and lay the expected table out with <see cref="KubectlTable"/>.
/// </summary>
public partial class KubectlCreateServiceTests
{
    [RequiresToolFact("kubectl")]
    public async Task CreateService_ClusterIpAndNodePort_AllocatedAndPrinted()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var clusterIp = await kubectl.RunAsync("create", "service", "clusterip", "web", "--tcp=80:8080");
        var fixedIp = await kubectl.RunAsync("create", "service", "clusterip", "fixed", "--tcp=443:8443", "--clusterip=10.96.0.60");
        var headless = await kubectl.RunAsync("create", "service", "clusterip", "headless", "--clusterip=None");
        var nodePort = await kubectl.RunAsync("create", "service", "nodeport", "np", "--tcp=80:8080");
        var again = await kubectl.RunAsync("create", "service", "clusterip", "web", "--tcp=80:8080");
        var webIp = (await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}")).Stdout;
        var npIp = (await kubectl.RunAsync("get", "svc", "np", "-o", "jsonpath={.spec.clusterIP}")).Stdout;
        var npPort = (await kubectl.RunAsync("get", "svc", "np", "-o", "jsonpath={.spec.ports[0].nodePort}")).Stdout;
        var wide = await kubectl.RunAsync("get", "svc", "-o", "wide");
        var yaml = await kubectl.RunAsync("get", "svc", "np", "-o", "yaml");

        KubectlAssert.Success(clusterIp, "service/web created");
        KubectlAssert.Success(fixedIp, "service/fixed created");
        KubectlAssert.Success(headless, "service/headless created");
        KubectlAssert.Success(nodePort, "service/np created");
        KubectlAssert.Failure(again, "error: failed to create ClusterIP service: services \"web\" already exists");
        Assert.Matches(ServiceCidrAddress(), webIp);
        Assert.Matches(ServiceCidrAddress(), npIp);
        Assert.InRange(int.Parse(npPort), 30000, 32767);
        KubectlAssert.Success(wide, KubectlTable.Format(
            ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
            ["fixed", "ClusterIP", "10.96.0.60", "<none>", "443/TCP", "0s", "app=fixed"],
            ["headless", "ClusterIP", "None", "<none>", "<none>", "0s", "app=headless"],
            ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "0s", "<none>"],
            ["np", "NodePort", npIp, "<none>", $"80:{npPort}/TCP", "0s", "app=np"],
            ["web", "ClusterIP", webIp, "<none>", "80/TCP", "0s", "app=web"]));
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), $$"""
            apiVersion: v1
            kind: Service
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                app: np
              name: np
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              clusterIP: {{npIp}}
              clusterIPs:
              - {{npIp}}
              externalTrafficPolicy: Cluster
              internalTrafficPolicy: Cluster
              ipFamilies:
              - IPv4
              ipFamilyPolicy: SingleStack
              ports:
              - name: 80-8080
                nodePort: {{npPort}}
                port: 80
                protocol: TCP
                targetPort: 8080
              selector:
                app: np
              sessionAffinity: None
              type: NodePort
            status:
              loadBalancer: {}
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateService_LoadBalancerAndExternalName_PrintTheirCells()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var loadBalancer = await kubectl.RunAsync("create", "service", "loadbalancer", "lb", "--tcp=80:8080");
        var externalName = await kubectl.RunAsync("create", "service", "externalname", "db", "--external-name=db.example.com");
        var lbIp = (await kubectl.RunAsync("get", "svc", "lb", "-o", "jsonpath={.spec.clusterIP}")).Stdout;
        var lbPort = (await kubectl.RunAsync("get", "svc", "lb", "-o", "jsonpath={.spec.ports[0].nodePort}")).Stdout;
        var wide = await kubectl.RunAsync("get", "svc", "lb", "db", "-o", "wide");

        KubectlAssert.Success(loadBalancer, "service/lb created");
        KubectlAssert.Success(externalName, "service/db created");
        Assert.Matches(ServiceCidrAddress(), lbIp);
        // No load-balancer controller: EXTERNAL-IP stays <pending>. ExternalName has no cluster IP or ports.
        KubectlAssert.Success(wide, KubectlTable.Format(
            ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
            ["lb", "LoadBalancer", lbIp, "<pending>", $"80:{lbPort}/TCP", "0s", "app=lb"],
            ["db", "ExternalName", "<none>", "db.example.com", "<none>", "0s", "app=db"]));
    }

    // The emulator's service CIDR is 10.96.0.0/12.
    [GeneratedRegex(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex ServiceCidrAddress();
}
