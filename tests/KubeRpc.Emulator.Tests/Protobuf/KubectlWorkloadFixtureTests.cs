using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>
/// What kubectl 1.32's <c>create configmap</c>, <c>create deployment</c> and <c>create poddisruptionbudget</c> put on the
/// wire (fixtures from capture_fixtures.py), decoded field by field.
/// </summary>
public class KubectlWorkloadFixtureTests
{
    [Fact]
    public void Decode_CreateConfigMap_LiteralsInDataAndNonUtf8FileInBinaryData()
    {
        var configMap = Decode("configmap");

        Assert.Equal("fast", (string?)configMap["data"]!["mode"]);
        Assert.Equal("2", (string?)configMap["data"]!["level"]);
        Assert.Equal([0xff, 0xfe, 0x00, 0x01], Convert.FromBase64String((string)configMap["binaryData"]!["blob.bin"]!));
        Assert.False(configMap.ContainsKey("immutable"));
    }

    [Fact]
    public void Decode_CreateDeployment_KeepsEmptyStructsAndDropsZeroScalars()
    {
        var spec = Decode("deployment")["spec"]!.AsObject();

        Assert.Equal(3, (int)spec["replicas"]!);
        Assert.Equal("web", (string?)spec["selector"]!["matchLabels"]!["app"]);
        Assert.Empty(spec["strategy"]!.AsObject());
        var template = spec["template"]!.AsObject();
        Assert.Null(template["metadata"]!["creationTimestamp"]);
        var podSpec = template["spec"]!.AsObject();
        // kubectl sends restartPolicy "", dnsPolicy "", hostNetwork false … on the wire; Go's omitempty drops them.
        Assert.Equal(["containers"], podSpec.Select(p => p.Key));
        var container = podSpec["containers"]![0]!.AsObject();
        Assert.Equal(["name", "image", "ports", "resources"], container.Select(p => p.Key));
        Assert.Equal(80, (int)container["ports"]![0]!["containerPort"]!);
        Assert.Empty(container["resources"]!.AsObject());
    }

    [Fact]
    public void Decode_CreateDeploymentWithCommand_CarriesTheCommand()
    {
        var container = Decode("deployment-command")["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal("busybox", (string?)container["name"]);
        Assert.Equal(["sleep", "3600"], container["command"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void Decode_CreatePdbMinAvailable_IntMinAvailableAndZeroCounts()
    {
        var pdb = Decode("pdb-min-available");

        Assert.Equal(System.Text.Json.JsonValueKind.Number, pdb["spec"]!["minAvailable"]!.GetValueKind());
        Assert.Equal(2, (int)pdb["spec"]!["minAvailable"]!);
        Assert.False(pdb["spec"]!.AsObject().ContainsKey("maxUnavailable"));
        Assert.Equal(["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"], pdb["status"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Decode_CreatePdbMaxUnavailable_PercentStringAndSetSelector()
    {
        var spec = Decode("pdb-max-unavailable")["spec"]!;

        Assert.Equal("25%", (string?)spec["maxUnavailable"]);
        var expression = spec["selector"]!["matchExpressions"]![0]!;
        Assert.Equal("In", (string?)expression["operator"]);
        Assert.Equal(["api", "web"], expression["values"]!.AsArray().Select(v => (string?)v));
    }

    private static JsonObject Decode(string name) =>
        KubeProtobufDecoder.Decode(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Protobuf", "Fixtures", name + ".bin")));
}
