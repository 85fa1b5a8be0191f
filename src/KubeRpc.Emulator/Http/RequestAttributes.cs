using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Selection;
using KubeRpc.Machinery.Text;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// What kube-apiserver's RequestInfoFactory makes of a request, for authorization messages: a resource request
/// (verb, API group, namespace, resource, subresource, name) or a non-resource request (lower-case method, path).
/// </summary>
internal sealed record RequestAttributes(bool IsResourceRequest, string Verb, string Path, string ApiGroup = "", string Namespace = "",
    string Resource = "", string Subresource = "", string Name = "")
{
    private static readonly HashSet<string> SpecialVerbs = new(StringComparer.Ordinal) { "proxy", "watch" };
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public static RequestAttributes Of(ApiRequest request)
    {
        var nonResource = new RequestAttributes(false, request.Method.ToLowerInvariant(), request.Path);
        var parts = request.Path.Trim('/').Split('/', StringSplitOptions.None).AsSpan();
        // Under /api the version follows the prefix; under /apis the group comes first.
        var prefix = parts.Length > 0 ? parts[0] : "";
        var minimum = prefix switch { "api" => 3, "apis" => 4, _ => int.MaxValue };
        if (parts.Length < minimum || parts[0].Length == 0)
        {
            return nonResource;
        }

        var group = prefix == "apis" ? parts[1] : "";
        parts = parts[(prefix == "apis" ? 3 : 2)..];
        string verb;
        var viaPathPrefix = SpecialVerbs.Contains(parts[0]);
        if (viaPathPrefix)
        {
            if (parts.Length < 2)
            {
                return nonResource; // RequestInfoFactory fails here ("unable to determine kind and namespace")
            }

            verb = parts[0];
            parts = parts[1..];
        }
        else
        {
            verb = request.Method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (parts[0] == "namespaces" && parts.Length > 1)
        {
            ns = parts[1];
            if (parts.Length > 2 && !NamespaceSubresources.Contains(parts[2]))
            {
                parts = parts[2..];
            }
        }

        var subresource = parts.Length >= 3 && verb != "proxy" ? parts[2] : "";
        var name = parts.Length >= 2 ? parts[1] : "";
        var resource = parts[0];
        if (name.Length == 0 && verb == "get")
        {
            verb = WantsWatch(request.QueryValue("watch")) ? "watch" : "list";
            name = NameFromFieldSelector(request.QueryValue("fieldSelector"));
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(true, verb, request.Path, group, ns, resource, subresource, name);
    }

    /// <summary>
    /// The 403 kube-apiserver's authorization filter answers (responsewriters.Forbidden over errors.NewForbidden),
    /// for <paramref name="user"/>, followed by the authorizer's <paramref name="reason"/> when it gave one; the parts taken
    /// from the request are cut to a short prefix.
    /// </summary>
    public ApiException Forbidden(string user, string reason = "")
    {
        var message = IsResourceRequest
            ? $"User {Quote(user)} cannot {Verb} resource {Quote(Subresource.Length == 0 ? Resource : Resource + "/" + Subresource)} " +
              $"in API group {Quote(ApiGroup)} " + (Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace {Quote(Namespace)}")
            : $"User {Quote(user)} cannot {Verb} path {Quote(Path)}";

        // "Avoid emitting errors that look like valid HTML."
        message = message.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        if (reason.Length > 0)
        {
            message += ": " + reason;
        }
        return ApiErrors.Forbidden(ApiGroup, Resource, Cut(Name), message);
    }

    /// <summary>ListOptions.Watch as the request info sees it: ParseBool, or, when that fails, anything but false and 0.</summary>
    private static bool WantsWatch(string? value) => value switch
    {
        null => false,
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => value.ToLowerInvariant() is not ("false" or "0"),
    };

    /// <summary>A list or watch of one object by <c>metadata.name=</c> names it, when the name is a valid path segment.</summary>
    private static string NameFromFieldSelector(string? fieldSelector)
    {
        try
        {
            return FieldSelector.Parse(fieldSelector).TryGetExactMatch("metadata.name", out var name)
                && name is not ("." or "..") && name.IndexOfAny(['/', '%']) < 0 ? name : "";
        }
        catch (SelectorSyntaxException)
        {
            return "";
        }
    }

    private static string Quote(string text) => FieldError.Quote(Cut(text));

    private static string Cut(string text) => Excerpt.Of(text, ApiLimits.MaxQuotedLength, ExcerptMarker.Ellipsis);
}
