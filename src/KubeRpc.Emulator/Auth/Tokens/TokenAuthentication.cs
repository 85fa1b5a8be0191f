namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// What the service-account token authenticator answers (kube-apiserver's <c>(*authenticator.Response, bool, error)</c>):
/// a user and the audiences it was accepted for, or an error (a token of ours that does not verify), or neither (a
/// token that is not ours to judge: not a JWT, or another issuer's).
/// </summary>
internal sealed record TokenAuthentication(UserInfo? User, IReadOnlyList<string> Audiences, string? Error)
{
    public static TokenAuthentication NotOurs { get; } = new(null, [], null);

    public bool Authenticated => User is not null;

    public static TokenAuthentication Failed(string error) => new(null, [], error);
}
