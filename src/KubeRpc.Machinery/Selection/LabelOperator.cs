namespace KubeRpc.Machinery.Selection;

/// <summary>The operators of a label requirement (apimachinery <c>selection.Operator</c>).</summary>
public enum LabelOperator
{
    /// <summary><c>k</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!k</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>k=v</c>.</summary>
    Equals,

    /// <summary><c>k==v</c>, the same as <see cref="Equals"/>.</summary>
    DoubleEquals,

    /// <summary><c>k!=v</c>: also true when the label is absent.</summary>
    NotEquals,

    /// <summary><c>k in (a,b)</c>.</summary>
    In,

    /// <summary><c>k notin (a,b)</c>: also true when the label is absent.</summary>
    NotIn,

    /// <summary><c>k&gt;n</c>: the label is an integer greater than n.</summary>
    GreaterThan,

    /// <summary><c>k&lt;n</c>: the label is an integer less than n.</summary>
    LessThan,
}
