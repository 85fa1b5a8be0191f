using System.Text.Json;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// What tests/Polyglot/python/authenticated_flow.py and tests/Polyglot/node/authenticated-flow.mjs must print: both
/// run the same steps as the service account of <see cref="ClientAccount"/>, so one check serves both languages.
/// </summary>
internal static class AuthenticatedFlowSteps
{
    public static void Verify(Dictionary<string, JsonElement> steps, ClientAccount account)
    {
        var unauthenticated = steps["unauthenticated"];
        Assert.Equal("UNAUTHENTICATED", unauthenticated.GetProperty("code").GetString());
        Assert.Equal("UNAUTHENTICATED", unauthenticated.GetProperty("reason").GetString());

        var created = steps["created"];
        Assert.Equal("web", created.GetProperty("name").GetString());
        Assert.StartsWith("10.", created.GetProperty("clusterIp").GetString(), StringComparison.Ordinal);
        var read = steps["read"];
        Assert.True(read.GetProperty("sameUid").GetBoolean(), read.ToString());
        Assert.Equal(80, read.GetProperty("port").GetInt32());
        Assert.Equal(["web"], Strings(steps["listed"].GetProperty("names")));

        var snapshot = steps["watch-snapshot"];
        Assert.Equal(["web"], Strings(snapshot.GetProperty("names")));
        Assert.False(string.IsNullOrEmpty(snapshot.GetProperty("resumeFrom").GetString()));
        Assert.Equal("front", steps["patched"].GetProperty("labels").GetProperty("tier").GetString());
        // The resumed stream replays what changed while no stream was open, in order, then the live deletes.
        Assert.Equal(
            ["EVENT_TYPE_MODIFIED web front", "EVENT_TYPE_ADDED web-2 ", "EVENT_TYPE_DELETED web front", "EVENT_TYPE_DELETED web-2 "],
            steps["watch-resumed"].GetProperty("events").EnumerateArray().Select(e => string.Join(' ', Strings(e))));
        Assert.Equal("NOT_FOUND", steps["deleted"].GetProperty("afterwards").GetString());

        var invalid = steps["invalid"];
        Assert.Equal("INVALID_ARGUMENT", invalid.GetProperty("code").GetString());
        Assert.Equal("INVALID", invalid.GetProperty("reason").GetString());
        Assert.Equal("kuberpc.io", invalid.GetProperty("domain").GetString());
        var violation = invalid.GetProperty("violations")[0];
        Assert.Equal("spec.ports[0].port", violation.GetProperty("field").GetString());
        Assert.Contains("must be between 1 and 65535", violation.GetProperty("description").GetString(), StringComparison.Ordinal);

        var forbidden = steps["forbidden"];
        Assert.Equal("PERMISSION_DENIED", forbidden.GetProperty("code").GetString());
        Assert.Equal("FORBIDDEN", forbidden.GetProperty("reason").GetString());
        Assert.Equal("list", forbidden.GetProperty("metadata").GetProperty("verb").GetString());
        Assert.Equal(ClientAccount.ForbiddenNamespace, forbidden.GetProperty("metadata").GetProperty("namespace").GetString());
        Assert.Contains($"User \"system:serviceaccount:{account.Namespace}:{account.Name}\"", forbidden.GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
