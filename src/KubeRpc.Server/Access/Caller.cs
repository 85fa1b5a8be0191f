using System.Collections.Concurrent;
using System.Text;

namespace KubeRpc.Server.Access;

/// <summary>An authenticated caller, as the cluster's TokenReview named it or as a verified client certificate names it (<see cref="ClientCertificates"/>).</summary>
public sealed record Caller(string User, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    private const int MaxDecisions = 64;

    private string? _key;
    private ConcurrentDictionary<AccessRequest, RememberedDecision>? _decisions;

    /// <summary>
    /// When the credential that proved this caller stops being valid: a token's <c>exp</c>, or the earliest NotAfter of a
    /// client certificate's verified chain; null when not known.
    /// </summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>
    /// Decisions for this caller object (one per remembered credential), valid only in the RBAC generation they were made
    /// in (<see cref="AccessReviewer"/>): looked up by the request alone, the cheapest check on every call.
    /// </summary>
    internal ConcurrentDictionary<AccessRequest, RememberedDecision> Decisions =>
        _decisions ?? Interlocked.CompareExchange(ref _decisions, new(), null) ?? _decisions;

    internal void Remember(AccessRequest request, RememberedDecision decision)
    {
        if (Decisions.Count >= MaxDecisions)
        {
            Decisions.Clear();
        }
        Decisions[request] = decision;
    }

    /// <summary>The identity as one unambiguous string (each value length-prefixed), for keying decisions.</summary>
    internal string Key => _key ??= BuildKey();

    private string BuildKey()
    {
        var key = new StringBuilder();
        AccessRequest.Append(key, User);
        AccessRequest.Append(key, Uid);
        key.Append(Groups.Count).Append('|');
        foreach (var group in Groups)
        {
            AccessRequest.Append(key, group);
        }
        foreach (var (name, values) in Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            AccessRequest.Append(key, name);
            key.Append(values.Count).Append('|');
            foreach (var value in values)
            {
                AccessRequest.Append(key, value);
            }
        }
        return key.ToString();
    }
}

/// <summary>A decision as a caller remembers it: until when, and in which RBAC generation it was made.</summary>
internal sealed record RememberedDecision(AccessDecision Decision, DateTimeOffset Until, long Generation);
