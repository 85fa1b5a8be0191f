using System.Globalization;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// How long the fuzzer runs. The test command runs the short form (a fixed number of calls); a long run:
/// <c>KUBERPC_FUZZ_SECONDS=600 dotnet test tests/KubeRpc.FunctionalTests --filter "FullyQualifiedName~RandomInputPropertyTests|FullyQualifiedName~BearerTokenFuzzTests"</c>
/// (or <c>KUBERPC_FUZZ_ITERATIONS=n</c>). A failure prints the CsCheck seed of its input; <c>CsCheck_Seed=&lt;seed&gt;</c> sends that input first.
/// </summary>
internal static class FuzzSettings
{
    public static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("KUBERPC_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : -1;

    public static int Iterations(int shortForm) =>
        int.TryParse(Environment.GetEnvironmentVariable("KUBERPC_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : shortForm;

    public static string? Seed => Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } seed ? seed : null;
}
