namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// The leniency kube-apiserver grants on update so that objects stored under older, looser rules stay writable
/// (<c>IngressValidationOptions</c> in <c>pkg/apis/networking/validation</c>).
/// </summary>
/// <param name="AllowInvalidSecretName">The old object already had a <c>tls[].secretName</c> that is not a valid Secret name.</param>
/// <param name="AllowInvalidWildcardHostRule">The old object already had a wildcard-host rule whose value fails validation.</param>
internal sealed record IngressValidationOptions(bool AllowInvalidSecretName, bool AllowInvalidWildcardHostRule)
{
    /// <summary>Create: nothing is allowed.</summary>
    public static readonly IngressValidationOptions Strict = new(false, false);
}
