using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.UnitTests.Kubernetes;

/// <summary>The one place request paths are built: kube-apiserver's path segment rule, then one escaped segment per value.</summary>
public sealed class ApiPathTests
{
    [Theory]
    [InlineData("web", "api/v1/namespaces/default/services/web")]
    [InlineData("web#", "api/v1/namespaces/default/services/web%23")]
    [InlineData("web?dryRun=All", "api/v1/namespaces/default/services/web%3FdryRun%3DAll")]
    [InlineData("a b", "api/v1/namespaces/default/services/a%20b")]
    [InlineData("..a", "api/v1/namespaces/default/services/..a")]
    [InlineData("café", "api/v1/namespaces/default/services/caf%C3%A9")]
    public void Item_AnyLegalSegment_StaysOneEscapedSegment(string name, string expected)
    {
        var path = ApiPath.Item(ServiceKind.Descriptor.Resource, "default", name);

        Assert.Equal(expected, path.Relative);
        // What a server sees once it has split the path and unescaped each segment: the name, as one segment.
        var segments = new Uri(new Uri("http://api.invalid/"), path.Relative).AbsolutePath.Split('/');
        Assert.Equal(name, Uri.UnescapeDataString(segments[^1]));
        Assert.Equal(7, segments.Length);
    }

    [Theory]
    [InlineData("..", "may not be '..'")]
    [InlineData(".", "may not be '.'")]
    [InlineData("../secrets", "may not contain '/'")]
    [InlineData("%2e%2e", "may not contain '%'")]
    [InlineData("a/%", "may not contain '/'; may not contain '%'")]
    [InlineData("", "is required")]
    public void Item_SegmentThatWouldChangeThePath_Refused(string name, string problems)
    {
        var e = Assert.Throws<InvalidPathSegmentException>(() => ApiPath.Item(IngressKind.Descriptor.Resource, "default", name));

        Assert.Equal("name", e.Segment);
        Assert.Equal(problems, string.Join("; ", e.Problems));
    }

    [Fact]
    public void Lengths_TheLongestNamesKubernetesHolds()
    {
        Assert.Empty(PathSegments.Problems(new string('a', 253), PathSegments.MaxNameLength));
        Assert.Equal(["must be no more than 253 characters"], PathSegments.Problems(new string('a', 254), PathSegments.MaxNameLength));
        Assert.Equal(["must be no more than 63 characters"], PathSegments.Problems(new string('a', 64), PathSegments.MaxNamespaceLength));
    }

    [Fact]
    public void Paths_GroupsNamespacesAndTheStatusSubresource()
    {
        Assert.Equal("apis/networking.k8s.io/v1/namespaces/team%231/ingresses/web/status",
            ApiPath.Item(IngressKind.Descriptor.Resource, "team#1", "web", Subresource.Status).Relative);
        Assert.Equal("api/v1/services", ApiPath.Collection(ServiceKind.Descriptor.Resource, null).Relative);
        Assert.Throws<InvalidPathSegmentException>(() => ApiPath.Collection(ServiceKind.Descriptor.Resource, ".."));
    }

    [Fact]
    public void Query_ValuesEscaped_UnsetLeftOut()
    {
        var query = new ApiQuery().Add("labelSelector", "app in (a,b)&x=y#").Add("dryRun", (string?)null).Add("limit", 5).Add("watch", true);

        Assert.Equal("?labelSelector=app%20in%20%28a%2Cb%29%26x%3Dy%23&limit=5&watch=true", query.ToString());
    }
}
