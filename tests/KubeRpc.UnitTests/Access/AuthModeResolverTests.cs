using KubeRpc.Server.Access;

namespace KubeRpc.UnitTests.Access;

public sealed class AuthModeResolverTests
{
    [Theory]
    [InlineData("http://127.0.0.1:50051", AuthMode.None)]
    [InlineData("http://localhost:50051", AuthMode.None)]
    [InlineData("http://[::1]:50051", AuthMode.None)]
    [InlineData("http://0.0.0.0:50051", AuthMode.Kubernetes)]
    [InlineData("http://*:50051", AuthMode.Kubernetes)]
    [InlineData("http://10.0.0.7:50051", AuthMode.Kubernetes)]
    [InlineData("not a url", AuthMode.Kubernetes)]
    public void Auto_LoopbackEndpointNone_AnyOtherKubernetes(string grpcUrl, AuthMode expected) =>
        Assert.Equal(expected, AuthModeResolver.Resolve(AuthMode.Auto, grpcUrl));

    [Theory]
    [InlineData(AuthMode.None, "http://0.0.0.0:50051")]
    [InlineData(AuthMode.Kubernetes, "http://127.0.0.1:50051")]
    public void Explicit_KeptWhateverTheEndpoint(AuthMode mode, string grpcUrl) =>
        Assert.Equal(mode, AuthModeResolver.Resolve(mode, grpcUrl));
}
