using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth.Tokens;
using KubeRpc.Emulator.Http;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Endpoints;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token</c>: a TokenRequest in, the same TokenRequest out with a
/// signed token (k/k <c>pkg/registry/core/serviceaccount/storage/token.go</c>, release-1.32). In its order: the body's
/// name and namespace must match the URL's (422), the service account must exist (404), audiences default to the API
/// server's and <c>expirationSeconds</c> to 3600, which must lie between 10 minutes and 2^32 seconds (422,
/// <c>ValidateTokenRequest</c>). There are no pods or nodes to bind a token to (404), and binding to a secret is not
/// supported here (400). No maximum expiration is configured, as with kubeadm's defaults.
/// </summary>
internal sealed class TokenRequestEndpoint(TokenIssuer issuer, TokenSettings settings, Func<string, string, V1ServiceAccount?> serviceAccount)
{
    private const string Kind = "TokenRequest";
    private const string GroupKind = "TokenRequest.authentication.k8s.io";
    private const long DefaultExpirationSeconds = 60 * 60;
    private const long MinExpirationSeconds = 10 * 60;
    private const long MaxExpirationSeconds = 1L << 32;

    public ApiResponse Handle(ApiRequest request, ResourcePath path)
    {
        if (request.Method != "POST")
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                ApiErrors.Details("", "", "serviceaccounts"));
        }
        var ns = path.Namespace ?? "";
        var name = path.Name ?? "";
        var body = AuthenticationBody.Decode<Authenticationv1TokenRequest>(request, Kind);
        var meta = body.Metadata ?? new V1ObjectMeta();
        if (!string.IsNullOrEmpty(meta.Name) && meta.Name != name)
        {
            throw Invalid(name, FieldError.Invalid("metadata.name", meta.Name, "must match the service account name if specified"));
        }
        if (!string.IsNullOrEmpty(meta.NamespaceProperty) && meta.NamespaceProperty != ns)
        {
            throw Invalid(name, FieldError.Invalid("metadata.namespace", meta.NamespaceProperty, "must match the service account namespace if specified"));
        }
        var account = serviceAccount(ns, name) ?? throw ApiErrors.NotFound("serviceaccounts", "", "serviceaccounts", name);

        var spec = body.Spec ?? new V1TokenRequestSpec();
        var audiences = spec.Audiences is { Count: > 0 } requested ? [.. requested] : settings.ApiAudiences.ToList();
        var seconds = spec.ExpirationSeconds ?? DefaultExpirationSeconds;
        var now = settings.Time.GetUtcNow();
        if (seconds < MinExpirationSeconds)
        {
            throw Invalid("", FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
        }
        if (seconds > MaxExpirationSeconds)
        {
            throw Invalid("", FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
        }
        if (spec.BoundObjectRef is { } bound)
        {
            throw Unbindable(bound);
        }

        var token = issuer.Issue(account, audiences, seconds, now);
        meta.Name = name;
        meta.NamespaceProperty = ns;
        return new ApiResponse
        {
            StatusCode = 201,
            Body = JsonBodies.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind);
                w.WriteString("apiVersion", AuthenticationBody.ApiVersion);
                AuthenticationJson.Metadata(w, meta, now);
                w.WriteStartObject("spec");
                w.WriteStartArray("audiences");
                foreach (var audience in audiences)
                {
                    w.WriteStringValue(audience);
                }
                w.WriteEndArray();
                w.WriteNumber("expirationSeconds", seconds);
                w.WriteNull("boundObjectRef");
                w.WriteEndObject();
                w.WriteStartObject("status");
                w.WriteString("token", token);
                w.WriteString("expirationTimestamp", AuthenticationJson.Time(now.AddSeconds(seconds)));
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        };
    }

    private static ApiException Invalid(string name, FieldError error) =>
        ApiException.Invalid(GroupKind, Kind, "authentication.k8s.io", name, [error]);

    /// <summary>The emulator has no pods and no nodes, so a token bound to one finds nothing; secrets are not supported.</summary>
    private static ApiException Unbindable(V1BoundObjectReference bound)
    {
        var (group, kind) = SplitApiVersion(bound.ApiVersion ?? "", bound.Kind ?? "");
        return (group, kind) switch
        {
            ("", "Pod") => ApiErrors.NotFound("pods", "", "pods", bound.Name ?? ""),
            ("", "Node") => ApiErrors.NotFound("nodes", "", "nodes", bound.Name ?? ""),
            _ => ApiException.BadRequest($"cannot bind token to object of type {GroupVersionKindString(bound.ApiVersion ?? "", kind)}"),
        };
    }

    private static (string Group, string Kind) SplitApiVersion(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? "" : apiVersion[..slash], kind);
    }

    /// <summary><c>schema.GroupVersionKind.String()</c>: <c>group/version, Kind=kind</c>.</summary>
    private static string GroupVersionKindString(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return $"{group}/{version}, Kind={kind}";
    }
}
