using k8s.Models;
using KubeRpc.Emulator.OpenApi;

namespace KubeRpc.Emulator.Tests.OpenApi;

public sealed class KubernetesModelDocsTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "kuberpc-docs-" + Guid.NewGuid().ToString("N") + ".xml");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Load_MissingFile_ReturnsEmpty()
    {
        var docs = KubernetesModelDocs.Load(path);
        Assert.Equal(0, docs.Count);
        Assert.Null(docs.Describe(typeof(V1ServicePort)));
    }

    [Fact]
    public void Load_MalformedXml_ReturnsEmpty()
    {
        File.WriteAllText(path, "<doc><members><member name=\"T:k8s.Models.V1ServicePort\"><summary>x");
        Assert.Equal(0, KubernetesModelDocs.Load(path).Count);
    }

    [Fact]
    public void Load_DocFile_KeepsModelSummariesOnly()
    {
        File.WriteAllText(path, """
            <?xml version="1.0"?>
            <doc><members>
              <member name="T:k8s.Models.V1ServicePort">
                <summary>
                ServicePort contains information on service&apos;s port.
                </summary>
              </member>
              <member name="P:k8s.Models.V1ServicePort.Port">
                <summary>
                The port that will be
                exposed by this service.
                </summary>
              </member>
              <member name="M:k8s.Kubernetes.ListNamespace"><summary>not a model</summary></member>
              <member name="T:k8s.Kubernetes"><summary>not a model</summary></member>
            </members></doc>
            """);

        var docs = KubernetesModelDocs.Load(path);

        Assert.Equal(2, docs.Count);
        Assert.Equal("ServicePort contains information on service's port.", docs.Describe(typeof(V1ServicePort)));
        Assert.Equal("The port that will be exposed by this service.", docs.Describe(typeof(V1ServicePort).GetProperty("Port")!));
        Assert.Null(docs.Describe(typeof(V1ServicePort).GetProperty("Name")!));
    }

    [Fact]
    public void Normalize_WrappedText_JoinsLinesAndKeepsParagraphsAndBullets()
    {
        var text = KubernetesModelDocs.Normalize("\n    first line\n    continues here.\n\n    Valid values are:\n    * one\n    * two\n    ");
        Assert.Equal("first line continues here.\n\nValid values are:\n* one\n* two", text);
    }

    [Fact]
    public void Default_InThisBuild_FindsTheKubernetesClientDocs() =>
        Assert.Contains("ServiceSpec describes", KubernetesModelDocs.Default.Describe(typeof(V1ServiceSpec)), StringComparison.Ordinal);
}
