using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Tests.Auth;

/// <summary>The user the impersonation filter builds from the headers, and the checks it makes, against an authorizer that records them.</summary>
public sealed class ImpersonationTests
{
    private static readonly UserInfo Admin = UserInfo.Unsecured;

    [Fact]
    public void Apply_ServiceAccountUser_ServiceAccountGroupsAndAuthenticatedCheckedInItsNamespace()
    {
        var authorizer = new Recording(allow: true);

        var user = Impersonation.Apply(Request(("Impersonate-User", "system:serviceaccount:team-a:robot")), Admin, authorizer);

        Assert.Equal("system:serviceaccount:team-a:robot", user.Name);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"], user.Groups);
        Assert.Equal(["impersonate serviceaccounts team-a/robot"], authorizer.Checks);
    }

    [Fact]
    public void Apply_UserGroupsExtrasAndUid_EachCheckedAndKept()
    {
        var authorizer = new Recording(allow: true);

        var user = Impersonation.Apply(Request(("Impersonate-User", "bob"), ("Impersonate-Group", "devs"), ("Impersonate-Group", "ops"),
            ("Impersonate-Extra-Acme.com%2fScopes", "read"), ("Impersonate-Extra-Acme.com%2fScopes", "write"), ("Impersonate-Uid", "42")), Admin, authorizer);

        Assert.Equal(("bob", "42"), (user.Name, user.Uid));
        Assert.Equal(["devs", "ops", "system:authenticated"], user.Groups);
        Assert.Equal(["read", "write"], user.Extra["acme.com/scopes"]);
        Assert.Equal(["impersonate users /bob", "impersonate groups /devs", "impersonate groups /ops",
            "impersonate userextras/acme.com/scopes /read", "impersonate userextras/acme.com/scopes /write", "impersonate uids /42"], authorizer.Checks);
    }

    [Fact]
    public void Apply_UnauthenticatedGroupOrAnonymous_NoAuthenticatedGroupAdded()
    {
        var authorizer = new Recording(allow: true);

        var grouped = Impersonation.Apply(Request(("Impersonate-User", "bob"), ("Impersonate-Group", "system:unauthenticated")), Admin, authorizer);
        var anonymous = Impersonation.Apply(Request(("Impersonate-User", "system:anonymous")), Admin, authorizer);

        Assert.Equal(["system:unauthenticated"], grouped.Groups);
        Assert.Equal(["system:unauthenticated"], anonymous.Groups);
    }

    [Fact]
    public void Apply_GroupWithoutUser_BadRequest()
    {
        var e = Assert.Throws<ApiException>(() => Impersonation.Apply(Request(("Impersonate-Group", "devs"), ("Impersonate-Uid", "42")), Admin,
            new Recording(allow: true)));

        Assert.Equal((400, "requested [{Group  devs    } {UID  42  authentication.k8s.io/v1  }] without impersonating a user"), (e.Code, e.Message));
    }

    [Fact]
    public void Apply_NotAllowed_ForbiddenForTheFirstRefusedRequest()
    {
        var e = Assert.Throws<ApiException>(() => Impersonation.Apply(Request(("Impersonate-User", "bob"), ("Impersonate-Uid", "42")),
            UserInfo.Anonymous, new Recording(allow: false, except: "users")));

        Assert.Equal((403, "uids.authentication.k8s.io \"42\" is forbidden: User \"system:anonymous\" cannot impersonate resource \"uids\" " +
            "in API group \"authentication.k8s.io\" at the cluster scope: no"), (e.Code, e.Message));
    }

    private static ApiRequest Request(params (string Name, string Value)[] headers) => new()
    {
        Method = "GET",
        Path = "/api/v1/namespaces/team-a/services",
        Query = new Dictionary<string, string>(),
        Impersonation = [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))],
    };

    /// <summary>Allows or refuses everything (but <c>except</c> resources), with the reason "no"; records each check.</summary>
    private sealed class Recording(bool allow, string except = "") : IAuthorizer
    {
        public List<string> Checks { get; } = [];

        public (Decision Decision, string Reason) Authorize(UserInfo user, RequestAttributes attributes)
        {
            var resource = attributes.Subresource.Length == 0 ? attributes.Resource : attributes.Resource + "/" + attributes.Subresource;
            Checks.Add($"{attributes.Verb} {resource} {attributes.Namespace}/{attributes.Name}");
            return allow || attributes.Resource == except ? (Decision.Allow, "") : (Decision.NoOpinion, "no");
        }
    }
}
