using System.Text.Json.Nodes;
using k8s.Models;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Reviews;

/// <summary>
/// authorization.k8s.io/v1 access reviews, answered from the authorizer (pkg/registry/authorization: subjectaccessreview,
/// selfsubjectaccessreview, localsubjectaccessreview and selfsubjectrulesreview rest.go). Nothing is stored: each POST is
/// validated, evaluated against the RBAC objects stored at that moment, and returned with its status filled in.
/// </summary>
/// <remarks>
/// Not modelled: the field and label selector attributes (AuthorizeWithSelectors), fieldValidation and dryRun on these
/// creates. <c>kubectl create -f</c> of a review needs <c>--validate=false</c> here: a review has no PATCH operation in
/// OpenAPI v3, so kubectl falls back to OpenAPI v2, which the emulator does not serve.
/// </remarks>
/// <param name="authorizer">The emulator's authorizer, which exists only once the store does.</param>
internal sealed class AccessReviews(Func<RbacAuthorizer> authorizer)
{
    private const string Group = "authorization.k8s.io";

    public ApiResponse SubjectAccessReview(ApiRequest request, ResourcePath path, ResourceType type)
    {
        var review = ReviewBodies.Decode<V1SubjectAccessReview>(request, path, type);
        ThrowIfInvalid(AccessReviewValidator.SubjectAccessReview(review));
        var spec = review.Spec!;
        return ReviewBodies.Created(type, null, ReviewBodies.Json(spec), Status(UserOf(spec), spec.ResourceAttributes, spec.NonResourceAttributes));
    }

    public ApiResponse LocalSubjectAccessReview(ApiRequest request, ResourcePath path, ResourceType type)
    {
        var review = ReviewBodies.Decode<V1LocalSubjectAccessReview>(request, path, type);
        var ns = path.Namespace ?? "";
        review.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(review.Metadata.NamespaceProperty))
        {
            review.Metadata.NamespaceProperty = ns;
        }
        else if (review.Metadata.NamespaceProperty != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        ThrowIfInvalid(AccessReviewValidator.LocalSubjectAccessReview(review));
        var spec = review.Spec!;
        return ReviewBodies.Created(type, ns, ReviewBodies.Json(spec), Status(UserOf(spec), spec.ResourceAttributes, spec.NonResourceAttributes));
    }

    public ApiResponse SelfSubjectAccessReview(ApiRequest request, ResourcePath path, ResourceType type)
    {
        var review = ReviewBodies.Decode<V1SelfSubjectAccessReview>(request, path, type);
        ThrowIfInvalid(AccessReviewValidator.SelfSubjectAccessReview(review));
        var spec = review.Spec!;
        return ReviewBodies.Created(type, null, ReviewBodies.Json(spec), Status(request.User, spec.ResourceAttributes, spec.NonResourceAttributes));
    }

    public ApiResponse SelfSubjectRulesReview(ApiRequest request, ResourcePath path, ResourceType type)
    {
        var review = ReviewBodies.Decode<V1SelfSubjectRulesReview>(request, path, type);
        var ns = review.Spec?.NamespaceProperty ?? "";
        if (ns.Length == 0)
        {
            throw ApiException.BadRequest("no namespace on request");
        }
        var (resources, nonResources, errors) = authorizer().RulesFor(request.User, ns);
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray([.. resources.Select(r => ReviewBodies.Json(r))]),
            ["nonResourceRules"] = new JsonArray([.. nonResources.Select(r => ReviewBodies.Json(r))]),
            ["incomplete"] = false,
        };
        if (errors.Count > 0)
        {
            status["evaluationError"] = ErrorAggregate.Message(errors);
        }
        // The answer is a new review holding only the status (selfsubjectrulesreview rest.go).
        return ReviewBodies.Created(type, null, null, status);
    }

    /// <summary>The status of an access review: allowed, denied and reason as the authorizer decided.</summary>
    private JsonObject Status(UserInfo user, V1ResourceAttributes? resource, V1NonResourceAttributes? nonResource)
    {
        var attributes = resource is not null
            ? new RequestAttributes(true, resource.Verb ?? "", "", resource.Group ?? "", resource.NamespaceProperty ?? "", resource.Resource ?? "",
                resource.Subresource ?? "", resource.Name ?? "")
            : new RequestAttributes(false, nonResource!.Verb ?? "", nonResource.Path ?? "");
        var (decision, reason) = authorizer().Authorize(user, attributes);
        var status = new JsonObject { ["allowed"] = decision == Decision.Allow };
        if (decision == Decision.Deny)
        {
            status["denied"] = true;
        }
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }
        return status;
    }

    private static UserInfo UserOf(V1SubjectAccessReviewSpec spec) => new(spec.User ?? "", spec.Uid ?? "", [.. spec.Groups ?? []],
        (spec.Extra ?? new Dictionary<string, IList<string>>()).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value ?? []]));

    /// <summary>The reviews' NewInvalid: the decoded internal object has no kind, so the message names only the group.</summary>
    private static void ThrowIfInvalid(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw ApiException.Invalid("." + Group, "", Group, "", errors);
        }
    }
}
