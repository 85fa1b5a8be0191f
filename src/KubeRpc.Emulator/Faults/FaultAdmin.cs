using System.Text.Json;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Faults;

/// <summary>
/// <c>POST /emulator/faults</c> (for the admin only, see <see cref="LocalAdminRule"/>): a JSON body such as
/// <c>{"endWatches":true,"expireNextWatches":1,"fail":{"count":3,"code":429,"retryAfterSeconds":2,"verb":"list","resource":"services"},"latencyMs":50,"reset":true}</c>
/// (<c>verb</c> and <c>resource</c> are optional: without them every request is a target).
/// </summary>
internal static class FaultAdmin
{
    public const string Path = "/emulator/faults";

    /// <summary>The longest injectable latency: a minute slows every request down without hanging the emulator.</summary>
    private const int MaxLatencyMs = 60_000;

    /// <summary>The longest Retry-After an injected 429 or 503 may ask for.</summary>
    private const int MaxRetryAfterSeconds = 3600;

    public static ApiResponse Handle(ApiRequest request, FaultInjector faults)
    {
        if (request.Method != "POST")
        {
            throw new ApiException(405, "MethodNotAllowed", "the fault admin route takes POST");
        }
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(request.Body, JsonDepth.DocumentOptions).RootElement;
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"fault request is not JSON: {e.Message}");
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("fault request is not a JSON object");
        }
        if (Bool(body, "reset"))
        {
            faults.Reset();
        }
        if (Int(body, "latencyMs", MaxLatencyMs) is { } latency)
        {
            faults.Latency = TimeSpan.FromMilliseconds(latency);
        }
        if (Int(body, "expireNextWatches", int.MaxValue) is { } expire)
        {
            faults.ExpireNextWatches(expire);
        }
        if (body.TryGetProperty("fail", out var fail))
        {
            if (fail.ValueKind != JsonValueKind.Object || Int(fail, "count", int.MaxValue) is not { } count || Int(fail, "code", 599) is not { } code)
            {
                throw ApiException.BadRequest("fault request: fail needs an object with count and code");
            }
            try
            {
                faults.FailNextRequests(count, code, Int(fail, "retryAfterSeconds", MaxRetryAfterSeconds) ?? 1, Text(fail, "verb"), Text(fail, "resource"));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw ApiException.BadRequest(e.Message);
            }
        }
        if (Bool(body, "endWatches"))
        {
            faults.EndAllWatches();
        }
        return new ApiResponse { Body = "{}"u8.ToArray() };
    }

    private static string? Text(JsonElement body, string name) => !body.TryGetProperty(name, out var value) ? null : value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 and <= 64 } text => text,
        _ => throw ApiException.BadRequest($"fault request: {name} must be a short string"),
    };

    private static bool Bool(JsonElement body, string name) => body.TryGetProperty(name, out var value) && value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ApiException.BadRequest($"fault request: {name} must be true or false"),
    };

    /// <summary>A whole number from 0 to <paramref name="max"/>, or null when absent.</summary>
    private static int? Int(JsonElement body, string name, int max)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 && n <= max
            ? n
            : throw ApiException.BadRequest($"fault request: {name} must be a whole number from 0 to {max}");
    }
}
