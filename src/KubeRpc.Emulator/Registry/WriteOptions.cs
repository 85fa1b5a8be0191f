namespace KubeRpc.Emulator.Registry;

/// <summary>Options shared by create, update and patch (<c>CreateOptions</c>/<c>UpdateOptions</c>/<c>PatchOptions</c>).</summary>
/// <param name="DryRun">True for <c>dryRun=All</c>.</param>
/// <param name="FieldManager">The <c>fieldManager</c> query parameter, if any.</param>
internal sealed record WriteOptions(bool DryRun = false, string? FieldManager = null)
{
    public static readonly WriteOptions Default = new();

    /// <summary>Who makes the write, for admission that depends on it (RBAC escalation); null for the emulator's own writes.</summary>
    public Auth.UserInfo? User { get; init; }

    /// <summary>
    /// Asked when an update or apply turns out to create, once the object is validated and before it is stored (a dry
    /// run too); throws to refuse. Such a request was authorized as update or patch only: the HTTP layer sets this to
    /// authorize create as well (Http/ResourceHandler.cs).
    /// </summary>
    public Action? AuthorizeCreate { get; init; }
}

/// <summary><c>DeleteOptions</c>, from the body or the query.</summary>
internal sealed record DeleteOptions(
    bool DryRun = false,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null,
    string? PropagationPolicy = null,
    bool? OrphanDependents = null,
    long? GracePeriodSeconds = null)
{
    public static readonly DeleteOptions Default = new();
}

/// <summary>What a write produced: the object, its JSON, and the HTTP status to answer with.</summary>
internal sealed record WriteResult(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> Object, byte[] Json, int StatusCode)
{
    /// <summary>A body to answer with instead of the object (a Success Status after some deletes).</summary>
    public byte[]? ResponseBody { get; init; }
}
