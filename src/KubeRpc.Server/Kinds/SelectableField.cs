namespace KubeRpc.Server.Kinds;

/// <summary>A field selector label of a kind paired with how to read its value from an object.</summary>
/// <param name="Name">The label, e.g. <c>spec.type</c>.</param>
/// <param name="Value">The object's value for it; null when unset.</param>
/// <param name="Repeats">
/// Whether many objects share few values (a type, one of four), so the cache keeps one copy of each; a unique value
/// (a cluster IP) is not worth pooling.
/// </param>
internal sealed record SelectableField<TModel>(string Name, Func<TModel, string?> Value, bool Repeats = false);
