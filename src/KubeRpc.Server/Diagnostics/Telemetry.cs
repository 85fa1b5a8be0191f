using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KubeRpc.Server.Diagnostics;

/// <summary>KubeRpc's own ActivitySource and Meter, both named <c>KubeRpc</c>.</summary>
internal static class Telemetry
{
    public const string Name = "KubeRpc";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
