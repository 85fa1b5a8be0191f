using KubeRpc.Server.Kubernetes;

namespace KubeRpc.UnitTests.Kubernetes;

/// <summary>
/// Which groups an impersonated write carries: none that kube-apiserver adds by itself (a service account's own groups,
/// system:authenticated), and at most one other, since HttpClient joins a header's values into one line.
/// </summary>
public sealed class ImpersonationTests
{
    [Fact]
    public void ServiceAccount_WithItsOwnGroups_SendsTheUserAlone()
    {
        var actAs = Impersonation.Of("system:serviceaccount:team-a:ci",
            ["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"], out var problem);

        Assert.Null(problem);
        Assert.Equal("system:serviceaccount:team-a:ci", actAs!.User);
        Assert.Null(actAs.Group);
    }

    [Fact]
    public void ServiceAccountGroupsOfAnotherNamespace_AreNotImplied()
    {
        var actAs = Impersonation.Of("system:serviceaccount:team-a:ci", ["system:serviceaccounts:team-b", "system:authenticated"], out _);

        Assert.Equal("system:serviceaccounts:team-b", actAs!.Group);
    }

    [Fact]
    public void UserWithOneGroup_SendsIt()
    {
        var actAs = Impersonation.Of("alice", ["devs", "system:authenticated"], out _);

        Assert.Equal("devs", actAs!.Group);
    }

    [Theory]
    [InlineData("alice", new[] { "devs", "ops" }, "it has 2 groups beyond those the API server adds, and one header line can carry only one")]
    [InlineData("alice\n", new[] { "devs" }, "its user or group names hold characters an HTTP header cannot carry")]
    [InlineData("ålice", new string[0], "its user or group names hold characters an HTTP header cannot carry")]
    [InlineData("alice", new[] { "dev ops " }, "its user or group names hold characters an HTTP header cannot carry")]
    [InlineData("", new string[0], "it has no user name")]
    public void NotCarriable_NullWithTheReason(string user, string[] groups, string expected)
    {
        var actAs = Impersonation.Of(user, groups, out var problem);

        Assert.Null(actAs);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Headers_OneLineEach()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        Impersonation.Of("alice", ["devs"], out _)!.AddTo(request);

        Assert.Equal(["alice"], request.Headers.GetValues("Impersonate-User"));
        Assert.Equal(["devs"], request.Headers.GetValues("Impersonate-Group"));
    }
}
