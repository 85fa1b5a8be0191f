using System.Text.Json.Nodes;
using KubeRpc.Emulator.Discovery;
using KubeRpc.Emulator.Tests.OpenApi;

namespace KubeRpc.Emulator.Tests.Discovery;

public class DiscoveryDocumentsTests
{
    private readonly DiscoveryDocuments discovery = new(ServedResources.All);

    [Fact]
    public void ApiVersions_ServerAddress_IsTheCoreVersionList() => Assert.Equal(
        """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}""",
        discovery.ApiVersions("127.0.0.1:6443").ToJsonString());

    [Fact]
    public void ApiGroupList_ListsNamedGroupsOnly() => Assert.Equal(
        """{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"networking.k8s.io","versions":[{"groupVersion":"networking.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"networking.k8s.io/v1","version":"v1"}}]}""",
        discovery.ApiGroupList().ToJsonString());

    [Fact]
    public void ApiGroup_ServedGroup_IsAnApiGroup() => Assert.Equal(
        """{"kind":"APIGroup","apiVersion":"v1","name":"networking.k8s.io","versions":[{"groupVersion":"networking.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"networking.k8s.io/v1","version":"v1"}}""",
        discovery.ApiGroup("networking.k8s.io")!.ToJsonString());

    [Theory]
    [InlineData("apps")]
    [InlineData("")]
    public void ApiGroup_UnservedGroup_IsNull(string group) => Assert.Null(discovery.ApiGroup(group));

    [Fact]
    public void ApiResourceList_Core_ListsParentsBeforeTheirSubresources()
    {
        var list = discovery.ApiResourceList("", "v1")!;
        var names = list["resources"]!.AsArray().Select(r => (string)r!["name"]!);

        Assert.Equal("v1", (string)list["groupVersion"]!);
        Assert.Equal("APIResourceList", (string)list["kind"]!);
        Assert.Equal(["namespaces", "namespaces/status", "namespaces/finalize", "services", "services/status", "services/proxy", "secrets"], names);
    }

    [Fact]
    public void ApiResourceList_Services_HaveKubeApiserversEntries()
    {
        var resources = discovery.ApiResourceList("", "v1")!["resources"]!.AsArray();
        JsonNode Entry(string name) => resources.Single(r => (string)r!["name"]! == name)!;

        Assert.Equal(
            """{"name":"services","singularName":"service","namespaced":true,"kind":"Service","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["svc"],"categories":["all"],"storageVersionHash":"0/CO1lhkEBI="}""",
            Entry("services").ToJsonString());
        Assert.Equal("""{"name":"services/proxy","singularName":"","namespaced":true,"kind":"ServiceProxyOptions","verbs":["create","delete","get","patch","update"]}""",
            Entry("services/proxy").ToJsonString());
        Assert.Equal("Q3oi5N2YM8M=", (string)Entry("namespaces")["storageVersionHash"]!);
        Assert.False((bool)Entry("namespaces/finalize")["namespaced"]!);
        Assert.Null(Entry("secrets")["shortNames"]);
    }

    [Fact]
    public void ApiResourceList_Networking_UsesTheGroupVersion()
    {
        var list = discovery.ApiResourceList("networking.k8s.io", "v1")!;
        Assert.Equal("networking.k8s.io/v1", (string)list["groupVersion"]!);
        Assert.Equal(["ingresses", "ingresses/status", "ingressclasses"], list["resources"]!.AsArray().Select(r => (string)r!["name"]!));
    }

    [Theory]
    [InlineData("", "v2")]
    [InlineData("networking.k8s.io", "v1beta1")]
    [InlineData("apps", "v1")]
    public void ApiResourceList_UnservedGroupVersion_IsNull(string group, string version) =>
        Assert.Null(discovery.ApiResourceList(group, version));

    [Fact]
    public void Calls_ReturnIndependentTrees()
    {
        discovery.ApiResourceList("", "v1")!["resources"]!.AsArray().Clear();
        Assert.Equal(7, discovery.ApiResourceList("", "v1")!["resources"]!.AsArray().Count);
    }
}
