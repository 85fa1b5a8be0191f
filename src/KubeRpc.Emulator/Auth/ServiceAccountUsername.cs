using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth;

/// <summary>
/// Service-account user names, <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>, and their groups, as
/// apiserver's authentication/serviceaccount util.go makes and reads them.
/// </summary>
internal static class ServiceAccountUsername
{
    public const string Prefix = "system:serviceaccount:";
    public const string AllServiceAccountsGroup = "system:serviceaccounts";

    public static string Make(string ns, string name) => Prefix + ns + ":" + name;

    /// <summary>True when <paramref name="username"/> is exactly the service account's user name.</summary>
    public static bool Matches(string ns, string name, string username) =>
        username.Length == Prefix.Length + ns.Length + 1 + name.Length && username == Make(ns, name);

    /// <summary>The namespace and name of a service-account user name whose parts are a valid namespace and name.</summary>
    public static bool TrySplit(string username, out string ns, out string name)
    {
        ns = name = "";
        if (!username.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = username[Prefix.Length..].Split(':');
        if (parts.Length != 2 || NameValidation.NameIsDnsLabel(parts[0], false).Count > 0
            || NameValidation.NameIsDnsSubdomain(parts[1], false).Count > 0)
        {
            return false;
        }
        (ns, name) = (parts[0], parts[1]);
        return true;
    }

    /// <summary>The groups every service account of <paramref name="ns"/> is in.</summary>
    public static string[] Groups(string ns) => [AllServiceAccountsGroup, "system:serviceaccounts:" + ns];
}
