using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Admission.Pods;
using KubeRpc.Emulator.Tests.Infrastructure;
using static KubeRpc.Emulator.Tests.Pods.PodObjects;

namespace KubeRpc.Emulator.Tests.Pods;

/// <summary>Pod validation through KubernetesClient, with kube-apiserver 1.32's field paths and messages.</summary>
public sealed class PodValidationTests() : EmulatorTest(new EmulatorOptions { PodCidr = "127.0.0.0/24" })
{
    public static TheoryData<string, string> Cases => new()
    {
        { "no containers", "Pod \"bad\" is invalid: spec.containers: Required value" },
        { "duplicate container", "Pod \"bad\" is invalid: spec.containers[1].name: Duplicate value: \"app\"" },
        { "no image", "Pod \"bad\" is invalid: spec.containers[0].image: Required value" },
        { "bad container name", "Pod \"bad\" is invalid: spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
        { "port out of range", "Pod \"bad\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { "bad protocol", "Pod \"bad\" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "duplicate port name", "Pod \"bad\" is invalid: spec.containers[0].ports[1].name: Duplicate value: \"http\"" },
        { "bad restart policy", "Pod \"bad\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"" },
        { "bad node name", "Pod \"bad\" is invalid: spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_Invalid_422WithKubesMessage(string name, string message)
    {
        var pod = Pod("bad");
        switch (name)
        {
            case "no containers": pod.Spec.Containers = []; break;
            case "duplicate container": pod.Spec.Containers = [Container("app", "nginx"), Container("app", "redis")]; break;
            case "no image": pod.Spec.Containers[0].Image = null; break;
            case "bad container name": pod.Spec.Containers[0].Name = "App"; break;
            case "port out of range": pod.Spec.Containers[0].Ports[0].ContainerPort = 70000; break;
            case "bad protocol": pod.Spec.Containers[0].Ports[0].Protocol = "ICMP"; break;
            case "duplicate port name": pod.Spec.Containers[0].Ports = [new() { ContainerPort = 80, Name = "http" }, new() { ContainerPort = 81, Name = "http" }]; break;
            case "bad restart policy": pod.Spec.RestartPolicy = "Sometimes"; break;
            case "bad node name": pod.Spec.NodeName = "Node_1"; break;
        }

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedPodAsync(pod, "default")).DefaultTimeout();

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal(message, e.Status().Message);
    }

    [Fact]
    public async Task Update_ContainerPortChanged_ForbiddenAsKubeWordsIt()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        // Read once the kubelet is done with it, so that the replace does not conflict with its status write.
        var created = await Polling.UntilAsync(() => Client.CoreV1.ReadNamespacedPodAsync("web", "default"), p => p.Status.Phase == "Running", "the pod to run");
        created.Spec.Containers[0].Ports[0].ContainerPort = 9090;

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedPodAsync(created, "web", "default")).DefaultTimeout();

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal("Pod \"web\" is invalid: spec: Forbidden: " + PodUpdateRules.Message, e.Status().Message);
        Assert.StartsWith("pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
            PodUpdateRules.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ContainerRenamed_Forbidden()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        var patch = new V1Patch("""{"spec":{"containers":[{"name":"app","$patch":"delete"},{"name":"other","image":"nginx:1.27"}]}}""", V1Patch.PatchType.StrategicMergePatch);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedPodAsync(patch, "web", "default")).DefaultTimeout();

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.StartsWith("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than", e.Status().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ImageLabelsAndDeadline_Allowed()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        var patch = new V1Patch("""{"metadata":{"labels":{"v":"2"}},"spec":{"activeDeadlineSeconds":60,"containers":[{"name":"app","image":"nginx:1.28"}]}}""", V1Patch.PatchType.StrategicMergePatch);

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(patch, "web", "default").DefaultTimeout();

        Assert.Equal(("nginx:1.28", 60L, "2"), (patched.Spec.Containers[0].Image, patched.Spec.ActiveDeadlineSeconds, patched.Metadata.Labels["v"]));
    }

    [Fact]
    public async Task StatusUpdate_BadPodIp_Invalid()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        var patch = new V1Patch("""{"status":{"podIP":"not-an-ip"}}""", V1Patch.PatchType.MergePatch);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedPodStatusAsync(patch, "web", "default")).DefaultTimeout();

        Assert.Equal("Pod \"web\" is invalid: status.podIPs[0].ip: Invalid value: \"not-an-ip\": must be a valid IP address", e.Status().Message);
    }
}
