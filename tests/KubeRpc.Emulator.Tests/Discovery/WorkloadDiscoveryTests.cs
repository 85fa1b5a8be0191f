using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Discovery;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Tests.Discovery;

/// <summary>
/// Discovery of the kinds a KubeRpc deployment needs, from the emulator's own catalog: configmaps (cm),
/// deployments (deploy, category all, /status), poddisruptionbudgets (pdb, /status) and networkpolicies (netpol).
/// </summary>
public class WorkloadDiscoveryTests
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    // storageVersionHash is base64: keep its '+' readable.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly DiscoveryDocuments discovery = new(EmulatorComponents.Catalog().All);

    [Fact]
    public void ApiResourceList_Apps_ListsDeploymentsThenTheirStatus() => Assert.Equal(
        """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"],"storageVersionHash":"8aSe+NMegvE="},{"name":"deployments/status","singularName":"","namespaced":true,"kind":"Deployment","verbs":["get","patch","update"]}]}""",
        discovery.ApiResourceList("apps", "v1")!.ToJsonString(Relaxed));

    [Fact]
    public void ApiResourceList_Policy_ListsPodDisruptionBudgetsThenTheirStatus() => Assert.Equal(
        """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"policy/v1","resources":[{"name":"poddisruptionbudgets","singularName":"poddisruptionbudget","namespaced":true,"kind":"PodDisruptionBudget","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["pdb"],"storageVersionHash":"EVWiDmWqyJw="},{"name":"poddisruptionbudgets/status","singularName":"","namespaced":true,"kind":"PodDisruptionBudget","verbs":["get","patch","update"]}]}""",
        discovery.ApiResourceList("policy", "v1")!.ToJsonString());

    [Fact]
    public void ApiResourceList_Core_HasConfigMapsWithTheirShortName()
    {
        var configMaps = Entry(discovery.ApiResourceList("", "v1")!, "configmaps");

        Assert.Equal(
            """{"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["cm"],"storageVersionHash":"qFsyl6wFWjQ="}""",
            configMaps.ToJsonString());
        Assert.DoesNotContain("configmaps/status", discovery.ApiResourceList("", "v1")!["resources"]!.AsArray().Select(r => (string)r!["name"]!));
    }

    [Fact]
    public void ApiResourceList_Networking_HasNetworkPoliciesWithoutSubresources()
    {
        var list = discovery.ApiResourceList("networking.k8s.io", "v1")!;

        Assert.Equal(["ingressclasses", "ingresses", "ingresses/status", "networkpolicies"], list["resources"]!.AsArray().Select(r => (string)r!["name"]!).Order());
        Assert.Equal(
            """{"name":"networkpolicies","singularName":"networkpolicy","namespaced":true,"kind":"NetworkPolicy","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["netpol"],"storageVersionHash":"YpfwF18m1G8="}""",
            Entry(list, "networkpolicies").ToJsonString());
    }

    [Fact]
    public void ApiGroupList_HasAppsAndPolicy()
    {
        var groups = discovery.ApiGroupList()["groups"]!.AsArray();

        // In kube-apiserver's group priority order, not the catalog's.
        Assert.Equal(["apps", "authentication.k8s.io", "authorization.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "discovery.k8s.io"],
            groups.Select(g => (string)g!["name"]!));
        Assert.Equal("""{"groupVersion":"apps/v1","version":"v1"}""", groups.Single(g => (string)g!["name"]! == "apps")!["preferredVersion"]!.ToJsonString());
        Assert.Equal("policy", (string)discovery.ApiGroup("policy")!["name"]!);
    }

    [Fact]
    public void AggregatedGroups_Deployments_CarryCategoryAndStatusSubresource()
    {
        var apps = discovery.AggregatedGroups(AggregatedDiscoveryVersion.V2)["items"]!.AsArray()
            .Single(i => (string)i!["metadata"]!["name"]! == "apps")!;

        Assert.Equal(
            """{"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced","singularResource":"deployment","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"],"subresources":[{"subresource":"status","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"verbs":["get","patch","update"]}]}""",
            apps["versions"]![0]!["resources"]!.AsArray().Single()!.ToJsonString());
    }

    [Fact]
    public void Catalog_NewKinds_AreNamespacedWithAllVerbs()
    {
        var catalog = EmulatorComponents.Catalog();
        ResourceType[] kinds = [catalog.ConfigMaps, catalog.Deployments, catalog.PodDisruptionBudgets, catalog.NetworkPolicies];

        Assert.All(kinds, k => Assert.True(k.Namespaced));
        Assert.All(kinds, k => Assert.Equal(AllVerbs, k.Verbs));
        Assert.All(kinds, k => Assert.Same(k, catalog.Find(k.Group, k.Plural)));
    }

    private static JsonNode Entry(JsonObject list, string name) =>
        list["resources"]!.AsArray().Single(r => (string)r!["name"]! == name)!;
}
