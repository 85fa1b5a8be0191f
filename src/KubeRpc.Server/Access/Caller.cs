namespace KubeRpc.Server.Access;

/// <summary>An authenticated caller, as the cluster's TokenReview named it or as a verified client certificate names it (<see cref="ClientCertificates"/>).</summary>
public sealed record Caller(string User, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    /// <summary>
    /// When the credential that proved this caller stops being valid: for a client certificate, the earliest NotAfter of
    /// its verified chain; null when not known.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
