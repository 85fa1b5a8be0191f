using System.Text;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// Who owns a field set: manager name, operation, subresource and, for updates, the API version
/// (apimachinery <c>BuildManagerIdentifier</c>). Appliers keep one entry whatever version they applied with.
/// </summary>
internal sealed record ManagerId(string Manager, bool Applied, string ApiVersion, string Subresource)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public string Operation => Applied ? ApplyOperation : UpdateOperation;

    public static ManagerId ForApply(string manager, string subresource) => new(Named(manager), true, "", subresource);

    public static ManagerId ForUpdate(string manager, string apiVersion, string subresource) => new(Named(manager), false, apiVersion, subresource);

    /// <summary>
    /// The identifier as the apiserver spells it: the JSON of a managedFields entry holding only these
    /// members, e.g. <c>{"manager":"kubectl-create","operation":"Update","apiVersion":"v1"}</c>. Multi-conflict
    /// messages are grouped in the byte order of these strings.
    /// </summary>
    public string Identifier
    {
        get
        {
            var sb = new StringBuilder("{");
            Member(sb, "manager", Manager);
            Member(sb, "operation", Operation);
            Member(sb, "apiVersion", ApiVersion);
            Member(sb, "subresource", Subresource);
            return sb.Append('}').ToString();
        }
    }

    /// <summary>
    /// printManager in conflict.go: <c>"kubectl"</c> for an applier, <c>"kubectl-create" using v1</c> for an
    /// updater, with <c> with subresource "status"</c> after the name when there is one.
    /// </summary>
    public string Describe()
    {
        var text = GoQuote(Manager);
        if (Subresource.Length > 0)
        {
            text += " with subresource " + GoQuote(Subresource);
        }

        return Applied ? text : text + " using " + ApiVersion;
    }

    private static string Named(string manager) => manager.Length == 0 ? "unknown" : manager;

    private static string GoQuote(string s) => FieldError.Quote(s);

    private static void Member(StringBuilder sb, string name, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        sb.Append(sb.Length > 1 ? "," : "").Append('"').Append(name).Append("\":").Append(GoJsonText.Quote(value));
    }
}
