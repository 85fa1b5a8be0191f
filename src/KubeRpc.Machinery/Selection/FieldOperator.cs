namespace KubeRpc.Machinery.Selection;

/// <summary>The two comparisons a field selector term can make; <c>==</c> parses as <see cref="Equals"/>.</summary>
public enum FieldOperator
{
    /// <summary><c>field=value</c> or <c>field==value</c>.</summary>
    Equals,

    /// <summary><c>field!=value</c>.</summary>
    NotEquals,
}
