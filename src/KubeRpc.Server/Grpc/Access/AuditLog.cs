using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Access;

namespace KubeRpc.Server.Grpc.Access;

/// <summary>
/// One structured line (category <see cref="Category"/>) per write and per refused call: time, user, groups, RPC,
/// verb, resource, namespace and name, result code, duration and trace id. Never a token, a certificate or an object's
/// body; values from the request are escaped and cut short, so a name cannot forge a line.
/// </summary>
internal sealed partial class AuditLog(ILoggerFactory loggers, TimeProvider time)
{
    public const string Category = "KubeRpc.Audit";
    private const int MaxValueLength = 256;

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Record(Caller? caller, string rpc, AccessRequest? request, StatusCode code, long startedTimestamp)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var duration = Stopwatch.GetElapsedTime(startedTimestamp);
#pragma warning disable CA1873 // the arguments are built only when the level is enabled (checked above)
        Write(_logger, time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture), Printable(caller?.User), Printable(caller is null ? null : string.Join(',', caller.Groups)),
            rpc, request?.Verb ?? "-", request?.GroupResource ?? "-", Printable(request?.Namespace), Printable(request?.Name), code,
            Math.Round(duration.TotalMilliseconds, 3), Activity.Current?.TraceId.ToHexString() ?? "-");
#pragma warning restore CA1873
    }

    [LoggerMessage(EventId = 400, EventName = "Audit", Level = LogLevel.Information,
        Message = "{Time} user={User} groups={Groups} rpc={Rpc} verb={Verb} resource={Resource} namespace={Namespace} name={Name} code={Code} duration_ms={DurationMs} trace_id={TraceId}")]
    private static partial void Write(ILogger logger, string time, string user, string groups, string rpc, string verb, string resource,
        string @namespace, string name, StatusCode code, double durationMs, string traceId);

    /// <summary>The value with control characters, quotes, backslashes and spaces escaped (\uXXXX), cut short; <c>-</c> when absent.</summary>
    private static string Printable(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }
        var text = Excerpt.Of(value, MaxValueLength);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is ' ' or '"' or '\\' or '=' || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
