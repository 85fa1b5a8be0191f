using System.Globalization;

namespace KubeRpc.RobustnessTests;

/// <summary>
/// What a run is: its seed and length, from <c>ROBUSTNESS_SEED</c> (a number, or <c>random</c>) and
/// <c>ROBUSTNESS_SECONDS</c>; without them the short form CI runs.
/// </summary>
internal sealed record RobustnessRun(int Seed, int Seconds)
{
    private const int ShortFormSeed = 20261205;
    private const int ShortFormSeconds = 40;

    public static RobustnessRun FromEnvironment() => new(
        Environment.GetEnvironmentVariable("ROBUSTNESS_SEED") switch
        {
            null or "" => ShortFormSeed,
            "random" => Random.Shared.Next(),
            var given => int.Parse(given, CultureInfo.InvariantCulture),
        },
        int.TryParse(Environment.GetEnvironmentVariable("ROBUSTNESS_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : ShortFormSeconds);
}
