using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>
/// What kubectl sends as protobuf for identity: <c>create serviceaccount</c>, <c>create token</c>'s TokenRequest,
/// <c>auth whoami</c>'s SelfSubjectReview, and a TokenReview, decoded to Go-shaped JSON.
/// </summary>
public class AuthenticationRoundTripTests
{
    [Fact]
    public void Decode_ServiceAccountWithReferences_WritesThemInGoOrder()
    {
        var account = new ServiceAccount { Metadata = new ObjectMeta { Name = "robot" }, AutomountServiceAccountToken = false };
        account.Secrets.Add(new ObjectReference { Name = "s1", Kind = "Secret", FieldPath = "x" });
        account.ImagePullSecrets.Add(new LocalObjectReference { Name = "pull" });

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "ServiceAccount", account)).ToJsonString();

        Assert.Equal("""{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","creationTimestamp":null}""" +
            ""","secrets":[{"kind":"Secret","name":"s1","fieldPath":"x"}],"imagePullSecrets":[{"name":"pull"}],"automountServiceAccountToken":false}""",
            json);
    }

    [Fact]
    public void Decode_TokenRequestAsKubectlSendsIt_UnsetSpecMembersAreNull()
    {
        // kubectl create token robot: no audiences, no duration, no bound object.
        var bare = new TokenRequest { Metadata = new ObjectMeta(), Spec = new TokenRequestSpec(), Status = new TokenRequestStatus() };
        var full = new TokenRequest { Spec = new TokenRequestSpec { ExpirationSeconds = 1200, Audiences = { "vault" } } };

        var bareJson = KubeProtobufDecoder.Decode(WireBody.Envelope("authentication.k8s.io/v1", "TokenRequest", bare)).ToJsonString();
        var fullJson = KubeProtobufDecoder.Decode(WireBody.Envelope("authentication.k8s.io/v1", "TokenRequest", full)).ToJsonString();

        Assert.Equal("""{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null}""" +
            ""","spec":{"audiences":null,"expirationSeconds":null,"boundObjectRef":null},"status":{"token":"","expirationTimestamp":null}}""", bareJson);
        Assert.Contains("""spec":{"audiences":["vault"],"expirationSeconds":1200,"boundObjectRef":null}""", fullJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SelfSubjectReviewAndTokenReview_StructsAlwaysWritten()
    {
        var self = new SelfSubjectReview { Metadata = new ObjectMeta(), Status = new SelfSubjectReviewStatus() };
        var review = new TokenReview { Spec = new TokenReviewSpec { Token = "t", Audiences = { "a" } } };

        var selfJson = KubeProtobufDecoder.Decode(WireBody.Envelope("authentication.k8s.io/v1", "SelfSubjectReview", self)).ToJsonString();
        var reviewJson = KubeProtobufDecoder.Decode(WireBody.Envelope("authentication.k8s.io/v1", "TokenReview", review)).ToJsonString();

        Assert.Equal("""{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null}""" +
            ""","status":{"userInfo":{}}}""", selfJson);
        Assert.Equal("""{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null}""" +
            ""","spec":{"token":"t","audiences":["a"]},"status":{"user":{}}}""", reviewJson);
    }
}
