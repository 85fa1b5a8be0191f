using KubeRpc.Emulator.Patching.ManagedFields;

namespace KubeRpc.Emulator.Tests.Patching.ManagedFields;

public class ManagerForTests
{
    [Theory]
    [InlineData("kubectl-edit", "kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9", "kubectl-edit")]
    [InlineData(null, "kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9", "kubectl")]
    [InlineData("", "OpenAPI-Generator/32.0.1/python", "OpenAPI-Generator")]
    [InlineData(null, "a\tb\u00a0c/1", "abc")]
    [InlineData(null, null, "")]
    public void ManagerFor_FieldManagerOrUserAgentPrefix(string? fieldManager, string? userAgent, string expected) =>
        Assert.Equal(expected, FieldManager.ManagerFor(fieldManager, userAgent));

    [Fact]
    public void ManagerFor_LongUserAgent_IsCutAt128Bytes() =>
        Assert.Equal(new string('x', 126) + "é", FieldManager.ManagerFor(null, new string('x', 126) + "éé"));
}
