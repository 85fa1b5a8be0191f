using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Api;

/// <summary>The Status failures of apimachinery's <c>api/errors</c>, worded as kube-apiserver words them.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceType type, string name) =>
        NotFound(type.GroupResource, type.Group, type.Plural, name);

    public static ApiException NotFound(string groupResource, string group, string plural, string name) =>
        new(404, "NotFound", $"{groupResource} {FieldError.Quote(name)} not found", Details(name, group, plural));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} {FieldError.Quote(name)} already exists", Details(name, type.Group, type.Plural));

    /// <summary>409 Conflict: <c>Operation cannot be fulfilled on services "web": detail</c>.</summary>
    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} {FieldError.Quote(name)}: {detail}",
            Details(name, type.Group, type.Plural));

    /// <summary>409 from delete preconditions, which name the Kind where other conflicts name the resource (rest/delete.go).</summary>
    public static ApiException PreconditionConflict(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupKind} {FieldError.Quote(name)}: {detail}",
            Details(name, type.Group, type.Kind));

    public const string ObjectModified = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>403 Forbidden: <c>services "web" is forbidden: detail</c>.</summary>
    public static ApiException Forbidden(ResourceType type, string name, string detail, IReadOnlyList<StatusCauseInfo>? causes = null)
    {
        var e = Forbidden(type.Group, type.Plural, name, detail);
        return new(e.Code, e.Reason, e.Message, e.Details! with { Causes = causes });
    }

    /// <summary>
    /// <c>errors.NewForbidden</c>: <c>services "web" is forbidden: detail</c>, <c>ingresses.networking.k8s.io is
    /// forbidden: detail</c>, or <c>forbidden: detail</c> when there is no resource.
    /// </summary>
    public static ApiException Forbidden(string group, string resource, string name, string detail)
    {
        var groupResource = group.Length == 0 ? resource : resource + "." + group;
        var message = groupResource.Length == 0 ? $"forbidden: {detail}"
            : name.Length == 0 ? $"{groupResource} is forbidden: {detail}"
            : $"{groupResource} {FieldError.Quote(name)} is forbidden: {detail}";
        return new(403, "Forbidden", message, Details(name, group, resource));
    }

    public static ApiException MethodNotAllowed(string detail) => new(405, "MethodNotAllowed", detail);

    public static ApiException Internal(string detail) =>
        new(500, "InternalError", $"Internal error occurred: {detail}", new StatusDetailsInfo(null, null, null, null,
            [new StatusCauseInfo("", detail, null)]));

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors) =>
        ApiException.Invalid(type.GroupKind, type.Kind, type.Group, name, errors);

    /// <summary>A 422 on an options object such as <c>ListOptions.meta.k8s.io</c>.</summary>
    public static ApiException InvalidOptions(string kind, IReadOnlyList<FieldError> errors) =>
        ApiException.Invalid(kind + ".meta.k8s.io", kind, "meta.k8s.io", "", errors);

    public static StatusDetailsInfo Details(string name, string group, string plural) =>
        new(name, group.Length == 0 ? null : group, plural, null, null);
}
