using System.Text.Json;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Faults;

/// <summary>
/// <c>POST /emulator/faults</c> (for the admin only, see <see cref="LocalAdminRule"/>): a JSON body such as
/// <c>{"endWatches":true,"expireNextWatches":1,"fail":{"count":3,"code":429,"retryAfterSeconds":2},"latencyMs":50,"reset":true}</c>.
/// </summary>
internal static class FaultAdmin
{
    public const string Path = "/emulator/faults";

    public static ApiResponse Handle(ApiRequest request, FaultInjector faults)
    {
        if (request.Method != "POST")
        {
            throw new ApiException(405, "MethodNotAllowed", "the fault admin route takes POST");
        }
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(request.Body).RootElement;
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"fault request is not JSON: {e.Message}");
        }
        if (body.TryGetProperty("reset", out var reset) && reset.GetBoolean())
        {
            faults.Reset();
        }
        if (body.TryGetProperty("latencyMs", out var latency))
        {
            faults.Latency = TimeSpan.FromMilliseconds(latency.GetInt32());
        }
        if (body.TryGetProperty("expireNextWatches", out var expire))
        {
            faults.ExpireNextWatches(expire.GetInt32());
        }
        if (body.TryGetProperty("fail", out var fail))
        {
            var retry = fail.TryGetProperty("retryAfterSeconds", out var r) ? r.GetInt32() : 1;
            try
            {
                faults.FailNextRequests(fail.GetProperty("count").GetInt32(), fail.GetProperty("code").GetInt32(), retry);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw ApiException.BadRequest(e.Message);
            }
        }
        if (body.TryGetProperty("endWatches", out var end) && end.GetBoolean())
        {
            faults.EndAllWatches();
        }
        return new ApiResponse { Body = "{}"u8.ToArray() };
    }
}
