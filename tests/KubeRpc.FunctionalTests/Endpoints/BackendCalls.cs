using Grpc.Core;
using Grpc.Health.V1;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>Calls through a balancing channel, told apart by the backend that answered.</summary>
public static class BackendCalls
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    /// <summary>One Check; the name of the backend that served it.</summary>
    public static async Task<string> WhoAnswersAsync(this Health.HealthClient client)
    {
        using var call = client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + CallDeadline);
        await call.ResponseAsync;
        return call.GetTrailers().GetValue(Backend.Trailer) ?? throw new InvalidOperationException("an answer without the backend trailer");
    }

    /// <summary><paramref name="count"/> calls one after another; who answered each.</summary>
    public static async Task<List<string>> WhoAnswersAsync(this Health.HealthClient client, int count)
    {
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            names.Add(await client.WhoAnswersAsync());
        }
        return names;
    }

    /// <summary>Calls until every one of <paramref name="backends"/> has answered one (a new backend's connection takes a moment).</summary>
    public static async Task UntilEachAnswersAsync(this Health.HealthClient client, params string[] backends)
    {
        var seen = new HashSet<string>();
        await Polling.UntilAsync(async () =>
        {
            seen.Add(await client.WhoAnswersAsync());
            return backends.All(seen.Contains);
        }, () => $"calls to reach each of {string.Join(", ", backends)} (answered so far: {string.Join(", ", seen)})", TimeSpan.FromSeconds(20));
    }

    /// <summary>Calls until a run of <paramref name="run"/> calls in a row has none answered by <paramref name="backend"/>.</summary>
    public static async Task UntilNoneAnswersFromAsync(this Health.HealthClient client, string backend, int run = 20)
    {
        var last = new List<string>();
        await Polling.UntilAsync(async () =>
        {
            last = await client.WhoAnswersAsync(run);
            return !last.Contains(backend);
        }, () => $"a run of {run} calls without {backend} (last run: {string.Join(", ", last)})", TimeSpan.FromSeconds(20));
    }

    /// <summary>The <see cref="RpcException"/> a call fails with.</summary>
    public static async Task<RpcException> FailureAsync(this Health.HealthClient client) =>
        await Assert.ThrowsAsync<RpcException>(() => client.WhoAnswersAsync());
}
