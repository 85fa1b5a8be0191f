using System.Text.Json.Nodes;
using KubeRpc.Emulator.OpenApi;
using KubeRpc.Emulator.Resources;
using static KubeRpc.Emulator.Tests.OpenApi.OpenApiTestDocuments;

namespace KubeRpc.Emulator.Tests.OpenApi;

public class OpenApiSchemaTests
{
    [Theory]
    [InlineData("api/v1", "io.k8s.api.core.v1.ServiceSpec")]
    [InlineData("api/v1", "io.k8s.api.core.v1.LoadBalancerIngress")]
    [InlineData("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")]
    [InlineData("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.Condition")]
    [InlineData("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.HTTPIngressPath")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.ServiceBackendPort")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.core.v1.TypedLocalObjectReference")]
    public void Components_ReachableTypes_UseKubernetesNames(string path, string component) =>
        Assert.True(Parse(path)["components"]!["schemas"]!.AsObject().ContainsKey(component));

    [Theory]
    [InlineData("api/v1", "io.k8s.api.core.v1.Service", "", "Service")]
    [InlineData("api/v1", "io.k8s.api.core.v1.ServiceList", "", "ServiceList")]
    [InlineData("api/v1", "io.k8s.api.core.v1.Namespace", "", "Namespace")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.Ingress", "networking.k8s.io", "Ingress")]
    [InlineData("apis/networking.k8s.io/v1", "io.k8s.api.networking.v1.IngressClassList", "networking.k8s.io", "IngressClassList")]
    public void TopLevelKinds_CarryGroupVersionKindList(string path, string component, string group, string kind)
    {
        var gvk = Schema(Parse(path), component)["x-kubernetes-group-version-kind"]!;
        Assert.Equal($"[{{\"group\":\"{group}\",\"kind\":\"{kind}\",\"version\":\"v1\"}}]", gvk.ToJsonString());
    }

    [Fact]
    public void NestedTypes_HaveNoGroupVersionKind() =>
        Assert.Null(Schema(Core, "io.k8s.api.core.v1.ServiceSpec")["x-kubernetes-group-version-kind"]);

    [Fact]
    public void ServiceSpecPorts_CarryMergeKeyAndListMapKeys()
    {
        var ports = Field(Core, "io.k8s.api.core.v1.Service", "spec.ports");

        Assert.Equal("array", (string)ports["type"]!);
        Assert.Equal("port", (string)ports["x-kubernetes-patch-merge-key"]!);
        Assert.Equal("merge", (string)ports["x-kubernetes-patch-strategy"]!);
        Assert.Equal("map", (string)ports["x-kubernetes-list-type"]!);
        Assert.Equal("[\"port\",\"protocol\"]", ports["x-kubernetes-list-map-keys"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.ServicePort", (string)ports["items"]!["allOf"]![0]!["$ref"]!);
    }

    [Fact]
    public void ObjectMetaLists_CarryTheirPatchStrategies()
    {
        var meta = Schema(Core, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")["properties"]!;

        Assert.Equal("merge", (string)meta["finalizers"]!["x-kubernetes-patch-strategy"]!);
        Assert.Equal("set", (string)meta["finalizers"]!["x-kubernetes-list-type"]!);
        Assert.Equal("uid", (string)meta["ownerReferences"]!["x-kubernetes-patch-merge-key"]!);
        Assert.Null(meta["labels"]!["x-kubernetes-patch-strategy"]);
        Assert.Equal("atomic", (string)Field(Networking, "io.k8s.api.networking.v1.Ingress", "spec.rules")["x-kubernetes-list-type"]!);
    }

    [Fact]
    public void Required_FollowsKubernetes()
    {
        Assert.Equal("[\"port\"]", Schema(Core, "io.k8s.api.core.v1.ServicePort")["required"]!.ToJsonString());
        var path = Schema(Networking, "io.k8s.api.networking.v1.HTTPIngressPath")["required"]!.AsArray().Select(r => (string)r!);
        Assert.Equal(["backend", "pathType"], path.Order(StringComparer.Ordinal));
        Assert.Null(Schema(Core, "io.k8s.api.core.v1.ServiceSpec")["required"]);
    }

    [Fact]
    public void IntOrStringAndTime_AreApimachinerySchemas()
    {
        var intOrString = Schema(Core, "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        var time = Schema(Core, "io.k8s.apimachinery.pkg.apis.meta.v1.Time");

        Assert.Equal("int-or-string", (string)intOrString["format"]!);
        Assert.Equal("[{\"type\":\"integer\"},{\"type\":\"string\"}]", intOrString["oneOf"]!.ToJsonString());
        Assert.Equal("date-time", (string)time["format"]!);
        Assert.Equal("string", (string)time["type"]!);
        Assert.EndsWith("intstr.IntOrString", (string)Field(Core, "io.k8s.api.core.v1.Service", "spec.ports.targetPort")["allOf"]![0]!["$ref"]!);
        Assert.EndsWith("meta.v1.Time", (string)Field(Core, "io.k8s.api.core.v1.Service", "metadata.creationTimestamp")["allOf"]![0]!["$ref"]!);
    }

    [Fact]
    public void Maps_HaveAdditionalProperties()
    {
        var data = Field(Core, "io.k8s.api.core.v1.Secret", "data");
        var labels = Field(Core, "io.k8s.api.core.v1.Secret", "metadata.labels");

        Assert.Equal("{\"format\":\"byte\",\"type\":\"string\"}", data["additionalProperties"]!.ToJsonString());
        Assert.Equal("object", (string)data["type"]!);
        Assert.Equal("{\"type\":\"string\"}", labels["additionalProperties"]!.ToJsonString());
        Assert.Equal("atomic", (string)Field(Core, "io.k8s.api.core.v1.Service", "spec.selector")["x-kubernetes-map-type"]!);
    }

    [Fact]
    public void ScalarFields_HaveOpenApiTypes()
    {
        Assert.Equal("{\"format\":\"int32\",\"type\":\"integer\"}", Without(Field(Core, "io.k8s.api.core.v1.Service", "spec.ports.port")));
        Assert.Equal("{\"format\":\"int64\",\"type\":\"integer\"}", Without(Field(Core, "io.k8s.api.core.v1.Service", "metadata.generation")));
        Assert.Equal("{\"type\":\"boolean\"}", Without(Field(Core, "io.k8s.api.core.v1.Secret", "immutable")));
        Assert.Equal("[\"ClusterIP\",\"ExternalName\",\"LoadBalancer\",\"NodePort\"]", Field(Core, "io.k8s.api.core.v1.Service", "spec.type")["enum"]!.ToJsonString());
    }

    [Fact]
    public void Descriptions_ComeFromTheModelDocs()
    {
        Assert.True(ModelDocsLocator.Docs.Count > 1000, "KubernetesClient.xml was not found next to the emulator build");
        var spec = Schema(Core, "io.k8s.api.core.v1.ServiceSpec");

        Assert.Equal("ServiceSpec describes the attributes that a user creates on a service.", (string)spec["description"]!);
        Assert.StartsWith("type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName,",
            (string)spec["properties"]!["type"]!["description"]!);
        Assert.Equal("The port that will be exposed by this service.", (string)Field(Core, "io.k8s.api.core.v1.Service", "spec.ports.port")["description"]!);
    }

    [Fact]
    public void BuildDocument_WithoutDocs_OmitsDescriptions()
    {
        ResourceType[] services = [ServedResources.Services];
        var document = OpenApiDocuments.BuildDocument(services, KubernetesModelDocs.Empty, "v1.32.4");
        var spec = Schema(document, "io.k8s.api.core.v1.ServiceSpec");

        Assert.Null(spec["description"]);
        Assert.Null(spec["properties"]!["type"]!["description"]);
        Assert.Equal("v1.32.4", (string)document["info"]!["version"]!);
        Assert.Equal("3.0.0", (string)document["openapi"]!);
    }

    private static string Without(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        copy.Remove("description");
        return copy.ToJsonString();
    }
}
