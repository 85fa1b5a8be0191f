using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>Bounded unary calls and the error checks every IngressManager failure must pass.</summary>
public static class IngressCalls
{
    /// <summary>The call's response, bounded by the default test timeout.</summary>
    public static Task<T> Bounded<T>(this AsyncUnaryCall<T> call) => call.ResponseAsync.DefaultTimeout();

    /// <summary>
    /// Awaits a call that must fail with <paramref name="code"/> and checks what every KubeRpc error carries: an
    /// ErrorInfo in the <c>kuberpc.io</c> domain.
    /// </summary>
    public static async Task<RpcException> FailsWith<T>(StatusCode code, Func<AsyncUnaryCall<T>> call)
    {
        var e = await RpcErrors.FailsWith(code, () => call().ResponseAsync);
        Assert.Equal("kuberpc.io", e.Info().Domain);
        return e;
    }

    /// <summary>The single BadRequest field violation for <paramref name="field"/>.</summary>
    public static BadRequest.Types.FieldViolation Violation(this RpcException e, string field)
    {
        var badRequest = e.Detail<BadRequest>() ?? throw new Xunit.Sdk.XunitException($"no BadRequest on {e.Status}");
        var fields = string.Join(", ", badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        var matching = badRequest.FieldViolations.Where(v => v.Field == field).ToList();
        Assert.True(matching.Count == 1, $"expected one violation of {field}, got: {fields}");
        return matching[0];
    }
}
