using System.Text;
using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

public class OtherPrintersTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static V1ObjectMeta Meta(string name, TimeSpan age) => new() { Name = name, CreationTimestamp = Now - age };

    [Fact]
    public void IngressClass_Columns_MatchPrintersGo()
    {
        var columns = new IngressClassPrinter().Columns;
        Assert.Equal(["Name", "Controller", "Parameters", "Age"], columns.Select(c => c.Name));
        Assert.Equal("Controller that is responsible for handling this class", columns[1].Description);
        Assert.Equal("A reference to a resource with additional parameters", columns[2].Description);
    }

    [Fact]
    public void IngressClass_WithoutParameters_IsNone()
    {
        var ic = new V1IngressClass { Metadata = Meta("nginx", TimeSpan.FromDays(3)), Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" } };
        Assert.Equal<object?>(["nginx", "k8s.io/ingress-nginx", "<none>", "3d"], new IngressClassPrinter().Cells(ic, Now));
    }

    [Fact]
    public void IngressClass_ParametersWithGroup_KindDotGroupSlashName()
    {
        var p = new V1IngressClassParametersReference { Kind = "IngressParameters", ApiGroup = "k8s.example.com", Name = "cfg" };
        Assert.Equal("IngressParameters.k8s.example.com/cfg", IngressClassPrinter.Parameters(p));
    }

    [Fact]
    public void IngressClass_ParametersWithoutGroup_KindSlashName()
    {
        Assert.Equal("ConfigMap/cfg", IngressClassPrinter.Parameters(new V1IngressClassParametersReference { Kind = "ConfigMap", Name = "cfg" }));
    }

    [Fact]
    public void IngressClass_ParametersWithEmptyGroup_KeepsDot()
    {
        // A set-but-empty apiGroup pointer still appends ".".
        Assert.Equal("ConfigMap./cfg", IngressClassPrinter.Parameters(new V1IngressClassParametersReference { Kind = "ConfigMap", ApiGroup = "", Name = "cfg" }));
    }

    [Fact]
    public void IngressClass_DefaultAnnotation_NotMarkedIn132()
    {
        var meta = Meta("nginx", TimeSpan.FromMinutes(1));
        meta.Annotations = new Dictionary<string, string> { ["ingressclass.kubernetes.io/is-default-class"] = "true" };
        var ic = new V1IngressClass { Metadata = meta, Spec = new V1IngressClassSpec { Controller = "c" } };
        Assert.Equal("nginx", new IngressClassPrinter().Cells(ic, Now)[0]);
    }

    [Fact]
    public void Secret_Columns_DataDeclaredStringLikeUpstream()
    {
        var columns = new SecretPrinter().Columns;
        Assert.Equal(["Name", "Type", "Data", "Age"], columns.Select(c => c.Name));
        Assert.Equal("string", columns[2].Type);
        Assert.StartsWith("Data contains the secret data.", columns[2].Description, StringComparison.Ordinal);
        Assert.StartsWith("Used to facilitate programmatic handling of secret data.", columns[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_Cells_DataCountIsLong()
    {
        var secret = new V1Secret
        {
            Metadata = Meta("creds", TimeSpan.FromSeconds(45)),
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["user"] = Encoding.UTF8.GetBytes("u"), ["pass"] = Encoding.UTF8.GetBytes("p") },
        };
        var cells = new SecretPrinter().Cells(secret, Now);
        Assert.Equal<object?>(["creds", "Opaque", 2L, "45s"], cells);
        Assert.IsType<long>(cells[2]);
    }

    [Fact]
    public void Secret_NoData_ZeroLong()
    {
        var cells = new SecretPrinter().Cells(new V1Secret { Metadata = Meta("empty", TimeSpan.Zero), Type = "kubernetes.io/tls" }, Now);
        Assert.Equal(0L, cells[2]);
        Assert.Equal("kubernetes.io/tls", cells[1]);
    }

    [Fact]
    public void Namespace_Columns_MatchPrintersGo()
    {
        var columns = new NamespacePrinter().Columns;
        Assert.Equal(["Name", "Status", "Age"], columns.Select(c => c.Name));
        Assert.Equal("The status of the namespace", columns[1].Description);
    }

    [Fact]
    public void Namespace_Cells_PhaseAndAge()
    {
        var ns = new V1Namespace { Metadata = Meta("kube-system", TimeSpan.FromDays(3650)), Status = new V1NamespaceStatus { Phase = "Terminating" } };
        Assert.Equal<object?>(["kube-system", "Terminating", "10y"], new NamespacePrinter().Cells(ns, Now));
    }

    [Fact]
    public void Namespace_NoStatus_EmptyPhase()
    {
        Assert.Equal("", new NamespacePrinter().Cells(new V1Namespace { Metadata = Meta("x", TimeSpan.Zero) }, Now)[1]);
    }
}
