using System.Globalization;
using System.Text;

namespace KubeRpc.Server.Access;

/// <summary>
/// What a call asks to do, in the attributes of a SubjectAccessReview's <c>resourceAttributes</c>. An empty
/// <paramref name="Namespace"/> asks for every namespace (cluster-wide permission), as in Kubernetes.
/// </summary>
/// <param name="Verb">create, get, list, watch, update, patch, delete or deletecollection.</param>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Resource">The resource's plural, e.g. <c>services</c>.</param>
/// <param name="Subresource">e.g. <c>status</c>; empty for the object itself.</param>
/// <param name="Name">The object's name; empty for a collection (create, list, watch, deletecollection).</param>
public sealed record AccessRequest(string Verb, string Group, string Resource, string Subresource, string Namespace, string Name)
{
    /// <summary>As kube-apiserver names the resource in messages: <c>services</c>, <c>ingresses.networking.k8s.io</c>, with <c>/status</c>.</summary>
    public string GroupResource => (Group.Length == 0 ? Resource : $"{Resource}.{Group}") + (Subresource.Length == 0 ? "" : "/" + Subresource);

    /// <summary>True for the verbs that change objects.</summary>
    public bool IsWrite => IsWriteVerb(Verb);

    public static bool IsWriteVerb(string verb) => verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    internal string Key(Caller caller)
    {
        var key = new StringBuilder(caller.Key);
        foreach (var value in (ReadOnlySpan<string>)[Verb, Group, Resource, Subresource, Namespace, Name])
        {
            Append(key, value);
        }
        return key.ToString();
    }

    internal static void Append(StringBuilder key, string value) =>
        key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
