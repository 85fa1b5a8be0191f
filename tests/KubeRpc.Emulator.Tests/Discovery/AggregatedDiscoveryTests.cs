using KubeRpc.Emulator.Discovery;
using KubeRpc.Emulator.Tests.OpenApi;

namespace KubeRpc.Emulator.Tests.Discovery;

public class AggregatedDiscoveryTests
{
    private readonly DiscoveryDocuments discovery = new(ServedResources.All);

    [Fact]
    public void AggregatedGroups_V2_IsAnApiGroupDiscoveryList()
    {
        var list = discovery.AggregatedGroups(AggregatedDiscoveryVersion.V2);
        var item = list["items"]!.AsArray().Single()!;
        var version = item["versions"]!.AsArray().Single()!;

        Assert.Equal("APIGroupDiscoveryList", (string)list["kind"]!);
        Assert.Equal("apidiscovery.k8s.io/v2", (string)list["apiVersion"]!);
        Assert.Equal("networking.k8s.io", (string)item["metadata"]!["name"]!);
        Assert.Equal("v1", (string)version["version"]!);
        Assert.Equal("Current", (string)version["freshness"]!);
        Assert.Equal(
            """{"resource":"ingresses","responseKind":{"group":"networking.k8s.io","version":"v1","kind":"Ingress"},"scope":"Namespaced","singularResource":"ingress","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["ing"],"subresources":[{"subresource":"status","responseKind":{"group":"networking.k8s.io","version":"v1","kind":"Ingress"},"verbs":["get","patch","update"]}]}""",
            version["resources"]![0]!.ToJsonString());
        Assert.Equal("Cluster", (string)version["resources"]![1]!["scope"]!);
    }

    [Fact]
    public void AggregatedLegacyGroup_HoldsTheCoreGroupWithoutName()
    {
        var list = discovery.AggregatedLegacyGroup(AggregatedDiscoveryVersion.V2Beta1);
        var item = list["items"]!.AsArray().Single()!;
        var resources = item["versions"]![0]!["resources"]!.AsArray();
        var services = resources.Single(r => (string)r!["resource"]! == "services")!;

        Assert.Equal("apidiscovery.k8s.io/v2beta1", (string)list["apiVersion"]!);
        Assert.Equal("""{"creationTimestamp":null}""", item["metadata"]!.ToJsonString());
        Assert.Equal(["namespaces", "services", "secrets"], resources.Select(r => (string)r!["resource"]!));
        Assert.Equal("""{"group":"","version":"v1","kind":"Service"}""", services["responseKind"]!.ToJsonString());
        Assert.Equal("""["all"]""", services["categories"]!.ToJsonString());
        Assert.Equal("ServiceProxyOptions", (string)services["subresources"]![1]!["responseKind"]!["kind"]!);
    }

    [Fact]
    public void AggregatedGroups_NoNamedGroups_HasNoItems()
    {
        var coreOnly = new DiscoveryDocuments([ServedResources.Services]);
        Assert.Empty(coreOnly.AggregatedGroups(AggregatedDiscoveryVersion.V2)["items"]!.AsArray());
        Assert.Empty(new DiscoveryDocuments([ServedResources.Ingresses]).AggregatedLegacyGroup(AggregatedDiscoveryVersion.V2)["items"]!.AsArray());
    }
}
