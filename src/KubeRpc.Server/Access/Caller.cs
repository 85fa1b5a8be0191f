using System.Text;

namespace KubeRpc.Server.Access;

/// <summary>An authenticated caller, as the cluster's TokenReview named it or as a verified client certificate names it (<see cref="ClientCertificates"/>).</summary>
public sealed record Caller(string User, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    private string? _key;

    /// <summary>
    /// When the credential that proved this caller stops being valid: a token's <c>exp</c>, or the earliest NotAfter of a
    /// client certificate's verified chain; null when not known.
    /// </summary>
    public DateTimeOffset? Expires { get; init; }

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
