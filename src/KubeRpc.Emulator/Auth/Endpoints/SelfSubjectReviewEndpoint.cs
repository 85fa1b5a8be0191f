using k8s.Models;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// <c>POST /apis/authentication.k8s.io/v1/selfsubjectreviews</c> (k/k <c>pkg/registry/authentication/selfsubjectreview/rest.go</c>):
/// whatever the body, the reply is a new review stamped now, with the requesting user's name, uid, groups and extra
/// (<c>kubectl auth whoami</c>).
/// </summary>
internal sealed class SelfSubjectReviewEndpoint(TimeProvider time)
{
    private const string Kind = "SelfSubjectReview";

    public ApiResponse Handle(ApiRequest request, ResourcePath path)
    {
        AuthenticationBody.Decode<V1SelfSubjectReview>(request, Kind);
        var user = request.User;
        return new ApiResponse
        {
            StatusCode = 201,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind);
                w.WriteString("apiVersion", AuthenticationBody.ApiVersion);
                AuthenticationJson.Metadata(w, null, time.GetUtcNow());
                w.WriteStartObject("status");
                AuthenticationJson.User(w, "userInfo", user);
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        };
    }
}
