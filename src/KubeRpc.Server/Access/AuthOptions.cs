namespace KubeRpc.Server.Access;

/// <summary>Who may call KubeRpc (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary><c>Auto</c> (default): <c>None</c> when the gRPC endpoint binds a loopback address, else <c>Kubernetes</c>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Auto;

    /// <summary>The audiences a caller's token must carry (TokenReview <c>spec.audiences</c>); empty for the API server's own.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>How long a token's review is remembered; never past the token's own expiry.</summary>
    public TimeSpan TokenCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most token reviews remembered at once; past it the oldest are forgotten.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>Send writes to the API server as the caller (Impersonate-User and -Group), so the cluster's own RBAC, admission and audit see them.</summary>
    public bool Impersonate { get; set; } = true;

    /// <summary>How often an open watch's caller is authenticated and authorized again, besides on every RBAC change and at its token's expiry.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most authorization decisions remembered at once; past it they are all forgotten.</summary>
    public int DecisionCacheSize { get; set; } = 10_000;

    /// <summary>The problems of these options, naming the setting; empty when they are usable.</summary>
    public IEnumerable<string> Errors()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return $"Auth:Mode: {Mode} is not one of Auto, None, Kubernetes";
        }
        if (TokenCacheTtl < TimeSpan.Zero || TokenCacheTtl > TimeSpan.FromMinutes(5))
        {
            yield return $"Auth:TokenCacheTtl: {TokenCacheTtl} must be between 0 and 5 minutes";
        }
        if (TokenCacheSize < 1)
        {
            yield return $"Auth:TokenCacheSize: {TokenCacheSize} must be at least 1";
        }
        if (RecheckInterval < TimeSpan.FromSeconds(1) || RecheckInterval > TimeSpan.FromHours(1))
        {
            yield return $"Auth:RecheckInterval: {RecheckInterval} must be between 1 second and 1 hour";
        }
        if (DecisionCacheSize < 1)
        {
            yield return $"Auth:DecisionCacheSize: {DecisionCacheSize} must be at least 1";
        }
    }
}

/// <summary>How KubeRpc decides who is calling.</summary>
public enum AuthMode
{
    /// <summary><see cref="None"/> on a loopback gRPC endpoint, else <see cref="Kubernetes"/>.</summary>
    Auto,

    /// <summary>Every caller is let in, and KubeRpc acts with its own service account.</summary>
    None,

    /// <summary>Callers present a Kubernetes bearer token, which the cluster reviews (TokenReview).</summary>
    Kubernetes,
}
