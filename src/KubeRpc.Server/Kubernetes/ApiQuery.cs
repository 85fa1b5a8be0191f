using System.Globalization;
using System.Text;

namespace KubeRpc.Server.Kubernetes;

/// <summary>A request's query string: each parameter's value escaped, unset values left out.</summary>
internal sealed class ApiQuery
{
    private readonly StringBuilder _text = new();

    public ApiQuery Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }
        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public ApiQuery Add(string name, bool? value) => value is null ? this : Add(name, value.Value ? "true" : "false");

    public ApiQuery Add(string name, int? value) => value is null ? this : Add(name, value.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The query with its leading <c>?</c>, or empty.</summary>
    public override string ToString() => _text.ToString();
}
