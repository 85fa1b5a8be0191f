using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth.Authentication;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// <c>POST /apis/authentication.k8s.io/v1/tokenreviews</c> (k/k <c>pkg/registry/authentication/tokenreview/storage.go</c>):
/// the token is put through the API server's request authenticator for the review's audiences (default: the API
/// server's), and the review comes back with <c>status.authenticated</c>, the user and the accepted audiences, or the
/// authenticators' error. That authenticator is a union led by the loopback-token one, which refuses every token it
/// does not know with "invalid bearer token", so a token of ours that fails reads <c>[invalid bearer token, &lt;why&gt;]</c>
/// and one that is not ours at all just "invalid bearer token" (utilerrors' aggregate drops the repeat).
/// </summary>
internal sealed class TokenReviewEndpoint(BearerTokenAuthenticator tokens)
{
    private const string Kind = "TokenReview";
    private const string InvalidBearerToken = "invalid bearer token";

    public ApiResponse Handle(ApiRequest request, ResourcePath path)
    {
        var review = AuthenticationBody.Decode<V1TokenReview>(request, Kind);
        var spec = review.Spec ?? new V1TokenReviewSpec();
        if (string.IsNullOrEmpty(spec.Token))
        {
            throw ApiException.BadRequest("token is required for TokenReview in authentication");
        }
        var audiences = spec.Audiences is { Count: > 0 } requested ? (IReadOnlyList<string>)[.. requested] : null;
        var (user, accepted, error) = Review(spec.Token, audiences);
        return new ApiResponse
        {
            StatusCode = 201,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind);
                w.WriteString("apiVersion", AuthenticationBody.ApiVersion);
                AuthenticationJson.Metadata(w, review.Metadata, null);
                w.WriteStartObject("spec");
                w.WriteString("token", spec.Token);
                AuthenticationJson.Strings(w, "audiences", spec.Audiences?.ToList());
                w.WriteEndObject();
                w.WriteStartObject("status");
                if (user is not null)
                {
                    w.WriteBoolean("authenticated", true);
                }
                AuthenticationJson.User(w, "user", user);
                AuthenticationJson.Strings(w, "audiences", accepted);
                AuthenticationJson.WriteIfSet(w, "error", error);
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        };
    }

    private (UserInfo? User, IReadOnlyList<string> Audiences, string? Error) Review(string token, IReadOnlyList<string>? audiences)
    {
        // The review's request carries nothing but "Authorization: Bearer <token>"; a token that reads as none there
        // leaves the request to the anonymous authenticator.
        if (BearerToken.Parse("Bearer " + token) is not { } bearer)
        {
            return (UserInfo.Anonymous, [], null);
        }
        var result = tokens.Authenticate(bearer, audiences);
        return result.User is { } user ? (user, result.Audiences, null)
            : (null, [], result.Error is { } why ? $"[{InvalidBearerToken}, {why}]" : InvalidBearerToken);
    }
}
