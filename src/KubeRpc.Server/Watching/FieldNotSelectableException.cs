namespace KubeRpc.Server.Watching;

/// <summary>
/// A field selector names a field the kind cannot select on: the API server's 400 BadRequest, with its
/// <paramref name="message"/> worded as kube-apiserver words it.
/// </summary>
internal sealed class FieldNotSelectableException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
