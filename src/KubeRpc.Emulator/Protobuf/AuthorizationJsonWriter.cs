using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the authorization/v1 reviews, as Go writes them: spec fields omitempty, status.allowed always.</summary>
internal static class AuthorizationJsonWriter
{
    /// <summary>A SubjectAccessReview or LocalSubjectAccessReview (one message serves both kinds).</summary>
    public static void SubjectAccessReview(JsonObject o, SubjectAccessReview review)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(review.Metadata);
        var spec = review.Spec ?? new SubjectAccessReviewSpec();
        var s = Attributes(spec.ResourceAttributes, spec.NonResourceAttributes);
        GoJson.String(s, "user", spec.User);
        GoJson.Strings(s, "groups", spec.Groups);
        if (spec.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, value) in spec.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                extra[key] = new JsonArray([.. value.Items.Select(i => (JsonNode?)i)]);
            }
            s["extra"] = extra;
        }
        GoJson.String(s, "uid", spec.Uid);
        o["spec"] = s;
        o["status"] = Status(review.Status);
    }

    public static void SelfSubjectAccessReview(JsonObject o, SelfSubjectAccessReview review)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(review.Metadata);
        o["spec"] = Attributes(review.Spec?.ResourceAttributes, review.Spec?.NonResourceAttributes);
        o["status"] = Status(review.Status);
    }

    /// <summary>A SelfSubjectRulesReview; its status is written as the empty struct Go has.</summary>
    public static void SelfSubjectRulesReview(JsonObject o, SelfSubjectRulesReview review)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(review.Metadata);
        var spec = new JsonObject();
        GoJson.String(spec, "namespace", review.Spec?.Namespace ?? "");
        o["spec"] = spec;
        o["status"] = new JsonObject { ["resourceRules"] = null, ["nonResourceRules"] = null, ["incomplete"] = false };
    }

    private static JsonObject Attributes(ResourceAttributes? resource, NonResourceAttributes? nonResource)
    {
        var s = new JsonObject();
        if (resource is not null)
        {
            var r = new JsonObject();
            GoJson.String(r, "namespace", resource.Namespace);
            GoJson.String(r, "verb", resource.Verb);
            GoJson.String(r, "group", resource.Group);
            GoJson.String(r, "version", resource.Version);
            GoJson.String(r, "resource", resource.Resource);
            GoJson.String(r, "subresource", resource.Subresource);
            GoJson.String(r, "name", resource.Name);
            s["resourceAttributes"] = r;
        }
        if (nonResource is not null)
        {
            var n = new JsonObject();
            GoJson.String(n, "path", nonResource.Path);
            GoJson.String(n, "verb", nonResource.Verb);
            s["nonResourceAttributes"] = n;
        }
        return s;
    }

    private static JsonObject Status(SubjectAccessReviewStatus? status)
    {
        var o = new JsonObject { ["allowed"] = status?.Allowed ?? false };
        GoJson.Bool(o, "denied", status?.Denied ?? false);
        GoJson.String(o, "reason", status?.Reason ?? "");
        GoJson.String(o, "evaluationError", status?.EvaluationError ?? "");
        return o;
    }
}
