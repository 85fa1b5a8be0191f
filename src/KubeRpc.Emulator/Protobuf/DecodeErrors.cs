using System.Globalization;
using System.Text;
using Google.Protobuf;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// The decode failures of kube-apiserver's protobuf path, worded as apimachinery words them
/// (<c>runtime/serializer/protobuf</c>, <c>runtime/error.go</c>, <c>conversion/converter.go</c>) and wrapped
/// as the create handler's <c>transformDecodeError</c> wraps them when the expected kind is known.
/// </summary>
internal static class DecodeErrors
{
    /// <summary>The name kube-apiserver's scheme reports in "no kind is registered" errors.</summary>
    public const string SchemeName = "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30";

    public const string EmptyData = "empty data";

    public const string EmptyBody = "empty body";

    public const string BadPrefix = "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]";

    /// <summary><c>runtime.NewMissingKindErr(fmt.Sprintf("%#v", unk.TypeMeta))</c>.</summary>
    public static string MissingKind(string apiVersion, string kind) =>
        $"Object 'Kind' is missing in '{GoTypeMeta(apiVersion, kind)}'";

    /// <summary><c>runtime.NewMissingVersionErr(fmt.Sprintf("%#v", unk.TypeMeta))</c>.</summary>
    public static string MissingVersion(string apiVersion, string kind) =>
        $"Object 'apiVersion' is missing in '{GoTypeMeta(apiVersion, kind)}'";

    /// <summary>The scheme's <c>notRegisteredErr</c> for a group/version/kind it does not know.</summary>
    public static string NotRegistered(WireGroupVersionKind gvk) =>
        $"no kind {GoQuote(gvk.Kind)} is registered for version {GoQuote(gvk.ApiVersion)} in scheme {GoQuote(SchemeName)}";

    /// <summary>The converter's error when a body of one kind is decoded into another kind's internal type.</summary>
    public static string UnknownConversion(string kind, string expectedInternalPackage, string expectedKind) =>
        $"converting (v1.{kind}) to ({expectedInternalPackage}.{expectedKind}): unknown conversion";

    /// <summary>
    /// What gogo-protobuf's generated <c>Unmarshal</c> says for the kinds of malformed input Google.Protobuf
    /// detects. gogo also names the message and field; that detail is not recoverable here.
    /// </summary>
    public static string Malformed(InvalidProtocolBufferException e, string message)
    {
        var text = e.Message;
        if (text.Contains("ended unexpectedly", StringComparison.Ordinal))
        {
            return "unexpected EOF";
        }

        if (text.Contains("negative size", StringComparison.Ordinal))
        {
            return "proto: negative length found during unmarshaling";
        }

        if (text.Contains("malformed varint", StringComparison.Ordinal))
        {
            return "proto: integer overflow";
        }

        return text.Contains("invalid tag (zero)", StringComparison.Ordinal)
            ? $"proto: {message}: illegal tag 0 (wire type 0)"
            : $"proto: {message}: {text}";
    }

    /// <summary>
    /// The 400 kube-apiserver answers. Without an expected kind the serializer's own message; with one,
    /// <c>transformDecodeError</c>'s wording, which depends on whether the body named a kind.
    /// </summary>
    public static ApiException BadRequest(string message, WireGroupVersionKind? expected, WireGroupVersionKind? actual, ReadOnlySpan<byte> body)
    {
        if (expected is not { } wanted)
        {
            return ApiException.BadRequest(message);
        }

        return actual is { Kind.Length: > 0 } got
            ? ApiException.BadRequest($"{got.Kind} in version {GoQuote(got.Version)} cannot be handled as a {wanted.Kind}: {message}")
            : ApiException.BadRequest($"the object provided is unrecognized (must be of type {wanted.Kind}): {message} ({Summarize(body)})");
    }

    /// <summary><c>summarizeData(body, 30)</c>: a binary body is shown as hex of its first 30 bytes.</summary>
    private static string Summarize(ReadOnlySpan<byte> body)
    {
        const int maxLength = 30;
        if (body.IsEmpty)
        {
            return "<empty>";
        }

        if (body[0] == (byte)'{')
        {
            return body.Length > maxLength ? Encoding.UTF8.GetString(body[..maxLength]) + " ..." : Encoding.UTF8.GetString(body);
        }

        return body.Length > maxLength
            ? Convert.ToHexStringLower(body[..maxLength]) + " ..."
            : Convert.ToHexStringLower(body);
    }

    private static string GoTypeMeta(string apiVersion, string kind) =>
        $"runtime.TypeMeta{{APIVersion:{GoQuote(apiVersion)}, Kind:{GoQuote(kind)}}}";

    /// <summary>Go's <c>%q</c> for the strings that can occur here: quotes, backslashes and control characters escaped.</summary>
    private static string GoQuote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
