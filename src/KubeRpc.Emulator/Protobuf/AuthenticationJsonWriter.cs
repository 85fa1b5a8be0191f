using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// JSON of the authentication.k8s.io/v1 TokenRequest, TokenReview and SelfSubjectReview, as Go writes them: the
/// members of <c>TokenRequestSpec</c> and <c>TokenRequestStatus</c> have no <c>omitempty</c>, so they are written even
/// when unset (<c>null</c>, <c>""</c>); the other members are <c>omitempty</c> except structs.
/// </summary>
internal static class AuthenticationJsonWriter
{
    public static void TokenRequest(JsonObject o, TokenRequest request)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(request.Metadata);
        var spec = request.Spec ?? new TokenRequestSpec();
        o["spec"] = new JsonObject
        {
            ["audiences"] = spec.Audiences.Count > 0 ? new JsonArray([.. spec.Audiences.Select(a => (JsonNode?)JsonValue.Create(a))]) : null,
            ["expirationSeconds"] = spec.HasExpirationSeconds ? JsonValue.Create(spec.ExpirationSeconds) : null,
            ["boundObjectRef"] = spec.BoundObjectRef is { } bound ? BoundObjectReference(bound) : null,
        };
        o["status"] = new JsonObject
        {
            ["token"] = request.Status?.Token ?? "",
            ["expirationTimestamp"] = GoJson.Time(request.Status?.ExpirationTimestamp),
        };
    }

    public static void TokenReview(JsonObject o, TokenReview review)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(review.Metadata);
        var spec = new JsonObject();
        GoJson.String(spec, "token", review.Spec?.Token ?? "");
        GoJson.Strings(spec, "audiences", review.Spec?.Audiences ?? []);
        o["spec"] = spec;
        var status = new JsonObject();
        GoJson.Bool(status, "authenticated", review.Status?.Authenticated ?? false);
        status["user"] = UserInfo(review.Status?.User);
        GoJson.Strings(status, "audiences", review.Status?.Audiences ?? []);
        GoJson.String(status, "error", review.Status?.Error ?? "");
        o["status"] = status;
    }

    public static void SelfSubjectReview(JsonObject o, SelfSubjectReview review)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(review.Metadata);
        o["status"] = new JsonObject { ["userInfo"] = UserInfo(review.Status?.UserInfo) };
    }

    private static JsonObject BoundObjectReference(BoundObjectReference bound)
    {
        var r = new JsonObject();
        GoJson.String(r, "kind", bound.Kind);
        GoJson.String(r, "apiVersion", bound.ApiVersion);
        GoJson.String(r, "name", bound.Name);
        GoJson.String(r, "uid", bound.Uid);
        return r;
    }

    private static JsonObject UserInfo(UserInfo? user)
    {
        var r = new JsonObject();
        if (user is null)
        {
            return r;
        }
        GoJson.String(r, "username", user.Username);
        GoJson.String(r, "uid", user.Uid);
        GoJson.Strings(r, "groups", user.Groups);
        if (user.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, value) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                // ExtraValue is nullable on the wire; either way JSON has the list (null for none).
                extra[key] = value.Items.Count > 0 ? new JsonArray([.. value.Items.Select(i => (JsonNode?)JsonValue.Create(i))]) : null;
            }
            r["extra"] = extra;
        }
        return r;
    }
}
