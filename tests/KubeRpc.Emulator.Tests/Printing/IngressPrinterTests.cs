using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

public class IngressPrinterTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly IngressPrinter _printer = new();

    private static V1Ingress Ingress(V1IngressSpec? spec = null, V1IngressStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "site", CreationTimestamp = Now.AddHours(-30) },
        Spec = spec ?? new V1IngressSpec(),
        Status = status,
    };

    private static List<V1IngressRule> Rules(params string?[] hosts) => hosts.Select(h => new V1IngressRule { Host = h }).ToList();

    [Fact]
    public void Columns_MatchPrintersGo()
    {
        Assert.Equal(["Name", "Class", "Hosts", "Address", "Ports", "Age"], _printer.Columns.Select(c => c.Name));
        Assert.All(_printer.Columns, c => Assert.Equal(0, c.Priority));
        Assert.Equal("The name of the IngressClass resource that should be used for additional configuration", _printer.Columns[1].Description);
        Assert.Equal("Hosts that incoming requests are matched against before the ingress rule", _printer.Columns[2].Description);
        Assert.Equal("Address is a list containing ingress points for the load-balancer", _printer.Columns[3].Description);
        Assert.Equal("Ports of TLS configurations that open", _printer.Columns[4].Description);
    }

    [Fact]
    public void Cells_Minimal_DefaultsEverywhere()
    {
        Assert.Equal<object?>(["site", "<none>", "*", "", "80", "30h"], _printer.Cells(Ingress(), Now));
    }

    [Fact]
    public void Cells_Full_AllColumnsFilled()
    {
        var ingress = Ingress(
            new V1IngressSpec { IngressClassName = "nginx", Rules = Rules("a.example.com", "b.example.com"), Tls = [new V1IngressTLS { Hosts = ["a.example.com"] }] },
            new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "10.0.0.5" }, new V1IngressLoadBalancerIngress { Hostname = "lb.local" }] } });

        Assert.Equal<object?>(["site", "nginx", "a.example.com,b.example.com", "10.0.0.5,lb.local", "80, 443", "30h"], _printer.Cells(ingress, Now));
    }

    [Fact]
    public void FormatHosts_OnlyEmptyHosts_IsStar()
    {
        Assert.Equal("*", IngressPrinter.FormatHosts(Rules("", null)));
    }

    [Fact]
    public void FormatHosts_SkipsEmptyHostsWithinFirstThree()
    {
        Assert.Equal("a,b", IngressPrinter.FormatHosts(Rules("a", "", "b")));
    }

    [Fact]
    public void FormatHosts_ExactlyThree_NoSuffix()
    {
        Assert.Equal("a,b,c", IngressPrinter.FormatHosts(Rules("a", "b", "c")));
    }

    [Fact]
    public void FormatHosts_MoreThanThree_CountsRemainingRules()
    {
        Assert.Equal("a,b,c + 2 more...", IngressPrinter.FormatHosts(Rules("a", "b", "c", "d", "e")));
    }

    [Fact]
    public void FormatHosts_EmptyHostAfterThree_StillCountedAsMore()
    {
        // Upstream counts len(rules)-3, whatever hosts the extra rules have.
        Assert.Equal("a,b,c + 1 more...", IngressPrinter.FormatHosts(Rules("a", "b", "c", "")));
    }

    [Fact]
    public void FormatHosts_EmptyHostsBeforeThird_ReduceMoreCountQuirk()
    {
        // Five rules, one empty among the first four: hosts a,b,c fill at rule 4, so "more" counts 5-3 = 2.
        Assert.Equal("a,b,c + 2 more...", IngressPrinter.FormatHosts(Rules("a", "", "b", "c", "d")));
    }
}
