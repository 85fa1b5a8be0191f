using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth.Authentication;
using KubeRpc.Emulator.Auth.Tokens;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Printing;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// One emulator's service-account tokens and the endpoints built on them: the <c>serviceaccounts/token</c> subresource,
/// and authentication.k8s.io/v1 <c>tokenreviews</c> and <c>selfsubjectreviews</c> (cluster-scoped, create only, served by
/// code). The signing key is made here, once per emulator. Service accounts are read from the store the emulator
/// <see cref="Attach"/>es once it exists (the store is built from the resources these endpoints belong to).
/// </summary>
internal sealed class AuthenticationEndpoints
{
    private const string Group = "authentication.k8s.io";
    private static readonly string[] CreateOnly = ["create"];
    private Func<string, string, V1ServiceAccount?> _serviceAccount = (_, _) => null;

    public AuthenticationEndpoints(TimeProvider time, IReadOnlyDictionary<string, UserInfo> staticTokens)
    {
        Settings = new TokenSettings(new SigningKey(), time, (ns, name) => _serviceAccount(ns, name));
        Tokens = new BearerTokenAuthenticator(staticTokens, new TokenAuthenticator(Settings), Settings);
        var tokenRequests = new TokenRequestEndpoint(new TokenIssuer(Settings), Settings, Settings.ServiceAccount);
        TokenSubresource = new SubresourceType("token", CreateOnly)
        {
            Handler = tokenRequests.Handle,
            ResponseKind = new(Group, "v1", "TokenRequest"),
        };
        TokenReviews = Review("TokenReview", "tokenreviews", typeof(V1TokenReview), new TokenReviewEndpoint(Tokens).Handle);
        SelfSubjectReviews = Review("SelfSubjectReview", "selfsubjectreviews", typeof(V1SelfSubjectReview),
            new SelfSubjectReviewEndpoint(time).Handle);
    }

    public TokenSettings Settings { get; }

    /// <summary>Checks bearer tokens, for the request authenticator and TokenReview.</summary>
    public BearerTokenAuthenticator Tokens { get; }

    /// <summary><c>serviceaccounts/token</c>: TokenRequest.</summary>
    public SubresourceType TokenSubresource { get; }

    public ResourceType TokenReviews { get; }

    public ResourceType SelfSubjectReviews { get; }

    /// <summary>Where service accounts are read from: the emulator's stored <c>serviceaccounts</c>.</summary>
    public void Attach(Func<string, string, V1ServiceAccount?> serviceAccount) => _serviceAccount = serviceAccount;

    private static ResourceType Review(string kind, string plural, Type model, Func<ApiRequest, ResourcePath, ApiResponse> handle)
    {
        ResourceType? type = null;
        type = new ResourceType
        {
            Group = Group, Version = "v1", Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), Namespaced = false,
            ModelType = model, ListModelType = model, Verbs = CreateOnly,
            Strategy = new CodeServedStrategy(), Printer = new DefaultTablePrinter(),
            Handler = (request, path) => request.Method == "POST" && path.Name is null ? handle(request, path) : throw MethodNotAllowed(type!),
        };
        return type;
    }

    private static ApiException MethodNotAllowed(ResourceType type) =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", ApiErrors.Details("", type.Group, type.Plural));
}
