namespace KubeRpc.Emulator.Auth;

/// <summary>Who a request is from, as kube-apiserver's authenticators answer (user.Info): name, uid, groups, extra.</summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string AuthenticatedGroup = "system:authenticated";
    public const string UnauthenticatedGroup = "system:unauthenticated";
    public const string MastersGroup = "system:masters";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// A request with no credentials from the developer's own machine, or from the in-process handler: the cluster admin, as
    /// the old insecure port's <c>system:unsecured</c> was.
    /// </summary>
    public static UserInfo Unsecured { get; } = new("system:unsecured", "", [MastersGroup, AuthenticatedGroup], NoExtra);

    /// <summary>Any other request without credentials, as kube-apiserver with anonymous authentication on.</summary>
    public static UserInfo Anonymous { get; } = new("system:anonymous", "", [UnauthenticatedGroup], NoExtra);
}
