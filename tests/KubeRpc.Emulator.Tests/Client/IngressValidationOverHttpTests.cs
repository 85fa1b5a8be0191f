using k8s;
using k8s.Autorest;
using KubeRpc.Emulator.Tests.Admission;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>Every Ingress validation rule, end to end: the 422 Status a KubernetesClient caller receives.</summary>
public sealed class IngressValidationOverHttpTests : EmulatorTest
{
    [Theory]
    [MemberData(nameof(IngressValidationCases.Names), MemberType = typeof(IngressValidationCases))]
    public async Task Write_BreaksOneRule_Returns422WithThatCause(string description)
    {
        var rule = IngressValidationCases.Get(description);
        var ingress = IngressValidationCases.Valid();
        Task write;
        if (rule.Operation == IngressCaseOperation.Create)
        {
            rule.Mutate(ingress);
            write = Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "default");
        }
        else
        {
            var stored = await Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "default").DefaultTimeout();
            rule.Mutate(stored);
            write = rule.Operation == IngressCaseOperation.Update
                ? Client.NetworkingV1.ReplaceNamespacedIngressAsync(stored, stored.Metadata.Name, "default")
                : Client.NetworkingV1.ReplaceNamespacedIngressStatusAsync(stored, stored.Metadata.Name, "default");
        }

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => write.DefaultTimeout());
        Assert.Equal(422, (int)e.Response.StatusCode);
        var status = e.Status();
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Ingress", status.Details.Kind);
        Assert.Equal("networking.k8s.io", status.Details.Group);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal((rule.Field, rule.Reason, rule.Message), (cause.Field, cause.Reason, cause.Message));
        Assert.Equal($"Ingress.networking.k8s.io \"{status.Details.Name}\" is invalid: {rule.Field}: {rule.Message}", status.Message);
    }
}
