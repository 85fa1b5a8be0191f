using k8s;
using k8s.Models;

namespace KubeRpc.Server.Access;

/// <summary>
/// Decides whether a caller may do what a call asks with the cluster's SubjectAccessReview, so every call is decided as
/// the cluster's authorizers (RBAC among them) would decide it. Decisions are remembered per caller and attribute set
/// for at most <see cref="AuthOptions.RecheckInterval"/>, only while every RBAC kind is watched, and all forgotten the
/// moment any RBAC object changes (<see cref="RbacChanges"/>).
/// </summary>
internal sealed class AccessReviewer
{
    private readonly IKubernetes _cluster;
    private readonly AuthOptions _options;
    private readonly RbacChanges _rbac;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AccessDecision Decision, DateTimeOffset Until)> _decisions = new(StringComparer.Ordinal);
    private long _reviews;

    public AccessReviewer(IKubernetes cluster, AuthOptions options, RbacChanges rbac, TimeProvider time)
    {
        (_cluster, _options, _rbac, _time) = (cluster, options, rbac, time);
        rbac.Changed += Forget;
    }

    /// <summary>Reviews sent since start; remembered decisions do not count.</summary>
    public long Reviews => Interlocked.Read(ref _reviews);

    /// <summary>
    /// The remembered decision for the caller and request, without waiting (every call's path). The caller's own memo is
    /// looked at first (no key to build), then the decisions shared by every credential of the same identity.
    /// </summary>
    public bool TryRemembered(Caller caller, AccessRequest request, out AccessDecision decision)
    {
        var now = _time.GetUtcNow();
        var generation = _rbac.Generation;
        if (caller.Decisions.TryGetValue(request, out var memo) && memo.Generation == generation && memo.Until > now)
        {
            decision = memo.Decision;
            return true;
        }
        lock (_gate)
        {
            if (_decisions.TryGetValue(request.Key(caller), out var remembered) && remembered.Until > now)
            {
                decision = remembered.Decision;
                caller.Remember(request, new RememberedDecision(decision, remembered.Until, generation));
                return true;
            }
        }
        decision = null!;
        return false;
    }

    public async Task<AccessDecision> ReviewAsync(Caller caller, AccessRequest request, CancellationToken cancellationToken)
    {
        if (TryRemembered(caller, request, out var known))
        {
            return known;
        }
        // Read before the review: a change that lands while it runs makes its answer unfit to remember.
        var generation = _rbac.Generation;
        Interlocked.Increment(ref _reviews);
        var review = await _cluster.AuthorizationV1.CreateSubjectAccessReviewAsync(Review(caller, request),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var status = review.Status;
        var decision = new AccessDecision(status?.Allowed == true && status.Denied != true, status?.Reason ?? "");
        lock (_gate)
        {
            if (_rbac.Watching && _rbac.Generation == generation)
            {
                if (_decisions.Count >= _options.DecisionCacheSize)
                {
                    _decisions.Clear();
                }
                var until = _time.GetUtcNow() + _options.RecheckInterval;
                _decisions[request.Key(caller)] = (decision, until);
                caller.Remember(request, new RememberedDecision(decision, until, generation));
            }
        }
        return decision;
    }

    private void Forget()
    {
        lock (_gate)
        {
            _decisions.Clear();
        }
    }

    private static V1SubjectAccessReview Review(Caller caller, AccessRequest request) => new()
    {
        Spec = new V1SubjectAccessReviewSpec
        {
            User = caller.User,
            Uid = caller.Uid.Length == 0 ? null : caller.Uid,
            Groups = [.. caller.Groups],
            Extra = caller.Extra.Count == 0 ? null : caller.Extra.ToDictionary(e => e.Key, e => (IList<string>)[.. e.Value]),
            ResourceAttributes = new V1ResourceAttributes
            {
                Verb = request.Verb,
                Group = request.Group,
                Resource = request.Resource,
                Subresource = request.Subresource.Length == 0 ? null : request.Subresource,
                NamespaceProperty = request.Namespace.Length == 0 ? null : request.Namespace,
                Name = request.Name.Length == 0 ? null : request.Name,
            },
        },
    };
}
