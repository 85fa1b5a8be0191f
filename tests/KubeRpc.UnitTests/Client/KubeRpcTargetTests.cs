using KubeRpc.Client;

namespace KubeRpc.UnitTests.Client;

/// <summary>kuberpc:///&lt;service&gt;.&lt;namespace&gt;[:&lt;port&gt;]: what is read, and what is refused with which words.</summary>
public sealed class KubeRpcTargetTests
{
    private const string Form = "(kuberpc:///<service>.<namespace>[:<port name or number>])";

    [Fact]
    public void NamedPort_ServiceNamespaceAndPortName()
    {
        var target = KubeRpcTarget.Parse("kuberpc:///web.shop:grpc");

        Assert.Equal(("web", "shop", "grpc", (int?)null), (target.Service, target.Namespace, target.PortName, target.PortNumber));
        Assert.Equal("kuberpc:///web.shop:grpc", target.ToString());
    }

    [Fact]
    public void NumberedPort_IsTheServicePort()
    {
        var target = KubeRpcTarget.Parse(new Uri("kuberpc:///web.shop:8080"));

        Assert.Equal(("web", "shop", (string?)null, (int?)8080), (target.Service, target.Namespace, target.PortName, target.PortNumber));
        Assert.Equal("kuberpc:///web.shop:8080", target.ToString());
    }

    [Theory]
    [InlineData("kuberpc:///web.shop")]
    [InlineData("KubeRpc:///web.shop")]
    [InlineData("kuberpc:web.shop")]
    public void NoPort_LeavesBothUnset(string text)
    {
        var target = KubeRpcTarget.Parse(text);

        Assert.Equal(("web", "shop", (string?)null, (int?)null), (target.Service, target.Namespace, target.PortName, target.PortNumber));
    }

    [Theory]
    [InlineData("dns:///web.shop:grpc", "the scheme must be kuberpc")]
    [InlineData("web.shop:grpc", "the scheme must be kuberpc")]
    [InlineData("kuberpc://kuberpc.svc/web.shop:grpc",
        "the authority must be empty (three slashes); KubeRpc's own address is KubeRpcResolverOptions.Address")]
    [InlineData("kuberpc:///web.shop:grpc?zone=a", "a query or fragment is not part of a target")]
    [InlineData("kuberpc:///", "it names no Service")]
    [InlineData("kuberpc:///web:grpc", "\"web\" names no namespace")]
    [InlineData("kuberpc:///Web.shop:grpc",
        "Service name \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")]
    [InlineData("kuberpc:///1web.shop:grpc", "Service name \"1web\": a DNS-1035 label must consist of")]
    [InlineData("kuberpc:///web.shop.svc:grpc", "namespace \"shop.svc\": must not contain dots")]
    [InlineData("kuberpc:///web.Shop:grpc",
        "namespace \"Shop\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")]
    [InlineData("kuberpc:///web.:grpc", "namespace \"\": a lowercase RFC 1123 label must consist of")]
    [InlineData("kuberpc:///web.shop:0", "port \"0\": must be between 1 and 65535, inclusive")]
    [InlineData("kuberpc:///web.shop:65536", "port \"65536\": must be between 1 and 65535, inclusive")]
    [InlineData("kuberpc:///web.shop:1234567", "port \"1234567\": must be between 1 and 65535, inclusive")]
    [InlineData("kuberpc:///web.shop:grpc_web", "port name \"grpc_web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    [InlineData("kuberpc:///web.shop:grpc-is-too-long", "port name \"grpc-is-too-long\": must be no more than 15 characters")]
    [InlineData("kuberpc:///web.shop:", "port name \"\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-); must contain at least one letter (a-z)")]
    public void BadTarget_FormatExceptionSaysWhatIsWrong(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => KubeRpcTarget.Parse(text));

        Assert.StartsWith($"\"{text}\" is not a KubeRpc target {Form}: {why}", e.Message, StringComparison.Ordinal);
    }
}
