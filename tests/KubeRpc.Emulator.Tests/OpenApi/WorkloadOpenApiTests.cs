using System.Text.Json.Nodes;
using KubeRpc.Emulator.OpenApi;
using static KubeRpc.Emulator.Tests.OpenApi.OpenApiTestDocuments;

namespace KubeRpc.Emulator.Tests.OpenApi;

/// <summary>
/// The OpenAPI v3 documents of the emulator's catalog for ConfigMap, Deployment, PodDisruptionBudget and
/// NetworkPolicy: what kubectl's validation (fieldValidation on PATCH), apply (merge keys) and explain read.
/// </summary>
public class WorkloadOpenApiTests
{
    private static readonly Lazy<OpenApiDocuments> LazyDocuments =
        new(() => new OpenApiDocuments(EmulatorComponents.Catalog().All, ModelDocsLocator.Docs));

    private static JsonObject Apps => Doc("apis/apps/v1");

    [Fact]
    public void IndexJson_Catalog_ListsEveryServedGroupVersion() =>
        Assert.Equal(["api/v1", "apis/apps/v1", "apis/authentication.k8s.io/v1", "apis/authorization.k8s.io/v1", "apis/discovery.k8s.io/v1",
                "apis/networking.k8s.io/v1", "apis/policy/v1", "apis/rbac.authorization.k8s.io/v1"],
            JsonNode.Parse(LazyDocuments.Value.IndexJson)!["paths"]!.AsObject().Select(p => p.Key));

    [Theory]
    [InlineData("api/v1", "", "ConfigMap")]
    [InlineData("apis/apps/v1", "apps", "Deployment")]
    [InlineData("apis/policy/v1", "policy", "PodDisruptionBudget")]
    [InlineData("apis/networking.k8s.io/v1", "networking.k8s.io", "NetworkPolicy")]
    [InlineData("apis/discovery.k8s.io/v1", "discovery.k8s.io", "EndpointSlice")]
    public void PatchOperation_NewKind_ListsFieldValidationAndStrategicMergePatch(string path, string group, string kind)
    {
        var patch = Doc(path)["paths"]!.AsObject()
            .Select(p => p.Value!["patch"])
            .OfType<JsonObject>()
            .First(op => (string?)op["x-kubernetes-group-version-kind"]!["kind"] == kind && (string?)op["x-kubernetes-group-version-kind"]!["group"] == group);

        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
    }

    [Theory]
    [InlineData("apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status", true)]
    [InlineData("apis/apps/v1", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", false)]
    [InlineData("apis/policy/v1", "/apis/policy/v1/namespaces/{namespace}/poddisruptionbudgets/{name}/status", true)]
    [InlineData("apis/networking.k8s.io/v1", "/apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies/{name}", true)]
    [InlineData("api/v1", "/api/v1/namespaces/{namespace}/configmaps/{name}/status", false)]
    public void Paths_Subresources_AsServed(string document, string path, bool served) =>
        Assert.Equal(served, Doc(document)["paths"]!.AsObject().ContainsKey(path));

    [Theory]
    [InlineData("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec")]
    [InlineData("apis/apps/v1", "io.k8s.api.apps.v1.RollingUpdateDeployment")]
    [InlineData("apis/apps/v1", "io.k8s.api.core.v1.PodSpec")]
    [InlineData("apis/apps/v1", "io.k8s.api.core.v1.Container")]
    [InlineData("apis/apps/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")]
    [InlineData("apis/policy/v1", "io.k8s.api.policy.v1.PodDisruptionBudgetStatus")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.NetworkPolicyPeer")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.IPBlock")]
    [InlineData("apis/discovery.k8s.io/v1", "io.k8s.api.discovery.v1.Endpoint")]
    [InlineData("apis/discovery.k8s.io/v1", "io.k8s.api.discovery.v1.EndpointConditions")]
    [InlineData("apis/discovery.k8s.io/v1", "io.k8s.api.discovery.v1.EndpointPort")]
    [InlineData("apis/discovery.k8s.io/v1", "io.k8s.api.core.v1.ObjectReference")]
    public void Components_NestedTypes_UseTheirGroupsPackage(string path, string component) =>
        Assert.True(Doc(path)["components"]!["schemas"]!.AsObject().ContainsKey(component), component);

    [Fact]
    public void Containers_MergeByNameAndPortsByContainerPortAndProtocol()
    {
        var containers = Field(Apps, "io.k8s.api.apps.v1.Deployment", "spec.template.spec.containers");
        var ports = Field(Apps, "io.k8s.api.apps.v1.Deployment", "spec.template.spec.containers.ports");

        Assert.Equal(("name", "merge", "map", """["name"]"""), Rule(containers));
        Assert.Equal(("containerPort", "merge", "map", """["containerPort","protocol"]"""), Rule(ports));
        Assert.Equal(("name", "merge,retainKeys", "map", """["name"]"""), Rule(Field(Apps, "io.k8s.api.apps.v1.Deployment", "spec.template.spec.volumes")));
        Assert.Equal("retainKeys", (string?)Field(Apps, "io.k8s.api.apps.v1.Deployment", "spec.strategy")["x-kubernetes-patch-strategy"]);
        Assert.Equal("atomic", (string?)Schema(Apps, "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")["x-kubernetes-map-type"]);
    }

    [Fact]
    public void Required_FollowsKubernetes()
    {
        Assert.Equal("""["selector","template"]""", Schema(Apps, "io.k8s.api.apps.v1.DeploymentSpec")["required"]!.ToJsonString());
        Assert.Equal("""["name"]""", Schema(Apps, "io.k8s.api.core.v1.Container")["required"]!.ToJsonString());
        Assert.Equal("""["podSelector"]""", Schema(Doc("apis/networking.k8s.io/v1"), "io.k8s.api.networking.v1.NetworkPolicySpec")["required"]!.ToJsonString());
    }

    [Theory]
    [InlineData("apis/apps/v1")]
    [InlineData("apis/policy/v1")]
    [InlineData("apis/networking.k8s.io/v1")]
    public void References_EveryRef_ResolvesToAComponent(string path)
    {
        var document = Doc(path);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = document.ToJsonString().Split("\"$ref\":\"")[1..].Select(r => r[..r.IndexOf('"', StringComparison.Ordinal)]).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(schemas.ContainsKey(r.Replace("#/components/schemas/", "", StringComparison.Ordinal)), r));
    }

    private static JsonObject Doc(string path) => JsonNode.Parse(LazyDocuments.Value.Find(path)!.Json)!.AsObject();

    private static (string?, string?, string?, string) Rule(JsonObject field) =>
        ((string?)field["x-kubernetes-patch-merge-key"], (string?)field["x-kubernetes-patch-strategy"], (string?)field["x-kubernetes-list-type"],
            field["x-kubernetes-list-map-keys"]!.ToJsonString());
}
