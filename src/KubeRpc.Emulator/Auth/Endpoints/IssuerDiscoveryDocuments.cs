using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Auth.Tokens;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// The service-account issuer's discovery documents (k/k <c>pkg/serviceaccount/openidmetadata.go</c>,
/// <c>pkg/routes/openidmetadata.go</c>): <c>GET /.well-known/openid-configuration</c> and <c>GET /openid/v1/jwks</c>
/// with the public signing key, cacheable for an hour. No <c>--service-account-jwks-uri</c> is set, so
/// <c>jwks_uri</c> is <c>https://</c> plus the address the caller reached the emulator at. Every other path goes to
/// <paramref name="next"/>.
/// </summary>
internal sealed class IssuerDiscoveryDocuments(TokenSettings settings, IApiDocuments next) : IApiDocuments
{
    public const string OpenIdConfigPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/openid/v1/jwks";
    private const string CacheControl = "public, max-age=3600";

    public ApiResponse? Handle(ApiRequest request, string path)
    {
        if (request.Method != "GET" || path is not (OpenIdConfigPath or JwksPath))
        {
            return next.Handle(request, path);
        }
        var response = path == OpenIdConfigPath
            ? new ApiResponse { Body = JsonSerializer.SerializeToUtf8Bytes(Configuration(request.ServerAddress)) }
            : new ApiResponse
            {
                ContentType = "application/jwk-set+json",
                Body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["keys"] = new JsonArray(settings.Key.PublicJwk()) }),
            };
        response.Headers.Add(new("Cache-Control", CacheControl));
        return response;
    }

    private JsonObject Configuration(string serverAddress) => new()
    {
        ["issuer"] = settings.Issuer,
        ["jwks_uri"] = "https://" + serverAddress + JwksPath,
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };
}
