using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class PatchSchemaTests
{
    [Fact]
    public void ForKind_Service_DescribesPortsForBothPatchKinds()
    {
        var ports = PatchSchema.ForKind("Service").Root.Field("spec").Field("ports");

        Assert.True(ports.MergeList);
        Assert.Equal("port", ports.MergeKey);
        Assert.Equal(ApplyListType.Map, ports.ListType);
        Assert.Equal(["port", "protocol"], ports.ListMapKeys);
        Assert.Equal("TCP", ports.KeyDefaults["protocol"].GetValue<string>());
    }

    [Theory]
    [InlineData("Service")]
    [InlineData("Namespace")]
    [InlineData("Secret")]
    [InlineData("Ingress")]
    [InlineData("IngressClass")]
    [InlineData("Endpoints")]
    public void ForKind_AnyKind_HasObjectMetaRules(string kind)
    {
        var metadata = PatchSchema.ForKind(kind).Root.Field("metadata");

        Assert.True(metadata.Field("finalizers").MergeList);
        Assert.Equal(ApplyListType.Set, metadata.Field("finalizers").ListType);
        Assert.Equal("uid", metadata.Field("ownerReferences").MergeKey);
        Assert.True(metadata.Field("ownerReferences").Element.Atomic);
        Assert.False(metadata.Field("managedFields").MergeList);
        Assert.Equal(ApplyListType.Atomic, metadata.Field("managedFields").ListType);
        Assert.Equal(kind, PatchSchema.ForKind(kind).Kind);
    }

    [Theory]
    [InlineData("Service", "spec", "clusterIPs")]
    [InlineData("Service", "spec", "ipFamilies")]
    [InlineData("Service", "spec", "externalIPs")]
    [InlineData("Namespace", "spec", "finalizers")]
    [InlineData("Ingress", "spec", "rules")]
    [InlineData("Ingress", "spec", "tls")]
    public void ForKind_AtomicLists_AreNeitherMergedNorAssociative(string kind, string parent, string field)
    {
        var node = PatchSchema.ForKind(kind).Root.Field(parent).Field(field);

        Assert.False(node.MergeList);
        Assert.Equal(ApplyListType.Atomic, node.ListType);
    }

    [Theory]
    [InlineData("Service")]
    [InlineData("Namespace")]
    public void ForKind_StatusConditions_MergeByType(string kind)
    {
        var conditions = PatchSchema.ForKind(kind).Root.Field("status").Field("conditions");

        Assert.Equal("type", conditions.MergeKey);
        Assert.Equal(["type"], conditions.ListMapKeys);
    }

    [Fact]
    public void ForKind_ServiceLoadBalancerIngress_IsAtomic() =>
        Assert.Equal(ApplyListType.Atomic, PatchSchema.ForKind("Service").Root.Field("status").Field("loadBalancer").Field("ingress").ListType);
}
