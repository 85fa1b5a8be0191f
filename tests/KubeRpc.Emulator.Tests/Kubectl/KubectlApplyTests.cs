using System.Text.RegularExpressions;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl create -f</c> and client-side <c>kubectl apply</c> (server-side: <see cref="KubectlServerSideApplyTests"/>).</summary>
public partial class KubectlApplyTests
{
    [RequiresToolFact("kubectl")]
    public async Task Create_MultiDocumentFile_CreatesEachObjectInOrder()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("shop.yaml", KubectlManifests.Shop);

        var created = await kubectl.RunAsync("create", "-f", file);
        var again = await kubectl.RunAsync("create", "-f", file);

        KubectlAssert.Success(created, """
            namespace/shop created
            service/web created
            service/api created
            ingress.networking.k8s.io/web created
            """);
        // kube-apiserver allocates a Service's clusterIP before it stores the object (the service REST's
        // BeginCreate), so a Service with a fixed, taken clusterIP fails on the address, not as AlreadyExists.
        KubectlAssert.Failure(again, """
            Error from server (AlreadyExists): error when creating "shop.yaml": namespaces "shop" already exists
            Error from server (Invalid): error when creating "shop.yaml": Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.10"}: failed to allocate IP 10.96.100.10: provided IP is already allocated
            Error from server (Invalid): error when creating "shop.yaml": Service "api" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.11"}: failed to allocate IP 10.96.100.11: provided IP is already allocated
            Error from server (AlreadyExists): error when creating "shop.yaml": ingresses.networking.k8s.io "web" already exists
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Create_GenerateName_PrintsTheNameTheServerMade()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("gen.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              generateName: web-
            spec:
              ports:
              - port: 80
            """);

        var first = await kubectl.RunAsync("create", "-f", file);
        var second = await kubectl.RunAsync("create", "-f", file);

        // generateName appends 5 characters from apiserver's storage/names alphabet (no vowels, no 0/1/3).
        var generated = GeneratedName();
        KubectlAssert.Success(first with { Stdout = generated.Replace(first.Stdout, "web-<random>") }, "service/web-<random> created");
        KubectlAssert.Success(second with { Stdout = generated.Replace(second.Stdout, "web-<random>") }, "service/web-<random> created");
        Assert.NotEqual(first.Stdout, second.Stdout);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_ClientSideTwiceThenChanged_CreatedUnchangedConfigured()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());

        var first = await kubectl.RunAsync("apply", "-f", file);
        var second = await kubectl.RunAsync("apply", "-f", file);
        kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81, extraLabel: "tier: frontend"));
        var changed = await kubectl.RunAsync("apply", "-f", file);
        var yaml = await kubectl.RunAsync("get", "svc", "web", "-o", "yaml");

        KubectlAssert.Success(first, "service/web created");
        KubectlAssert.Success(second, "service/web unchanged");
        KubectlAssert.Success(changed, "service/web configured");
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Service
            metadata:
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: |
                  {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web","tier":"frontend"},"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.50","ports":[{"port":81,"targetPort":8080}],"selector":{"app":"web"}}}
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                app: web
                tier: frontend
              name: web
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              clusterIP: 10.96.0.50
              clusterIPs:
              - 10.96.0.50
              internalTrafficPolicy: Cluster
              ipFamilies:
              - IPv4
              ipFamilyPolicy: SingleStack
              ports:
              - port: 81
                protocol: TCP
                targetPort: 8080
              selector:
                app: web
              sessionAffinity: None
              type: ClusterIP
            status:
              loadBalancer: {}
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_ObjectMadeByCreate_WarnsAndConfigures()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());
        await kubectl.RunAsync("create", "-f", file);

        var applied = await kubectl.RunAsync("apply", "-f", file);
        var again = await kubectl.RunAsync("apply", "-f", file);

        KubectlAssert.Output(applied, 0, "service/web configured", "Warning: resource services/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.");
        KubectlAssert.Success(again, "service/web unchanged");
    }

    [GeneratedRegex("web-[bcdfghjklmnpqrstvwxz2456789]{5}")]
    private static partial Regex GeneratedName();
}
