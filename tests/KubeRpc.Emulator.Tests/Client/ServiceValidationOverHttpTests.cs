using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Admission;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>Every Service validation rule, end to end: the 422 Status a KubernetesClient caller receives.</summary>
public sealed class ServiceValidationOverHttpTests : EmulatorTest
{
    [Theory]
    [MemberData(nameof(ServiceValidationCases.CreateDescriptions), MemberType = typeof(ServiceValidationCases))]
    public async Task Create_BreaksOneRule_Returns422WithThatCause(string description)
    {
        var rule = ServiceValidationCases.CreateCase(description);
        await CreateExistingAsync(rule.Existing);
        var service = ServiceValidationCases.NewService();
        rule.Mutate(service);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedServiceAsync(service, "default").DefaultTimeout());
        AssertSingleCause(e, rule.Field, rule.Reason, rule.Message);
    }

    /// <summary>
    /// Update rules the generic registry pre-empts before validation, as kube-apiserver's does: a namespace
    /// mismatch is a 400 BadRequest, a uid in the object is an update precondition (409 Conflict), and BeforeUpdate
    /// copies creationTimestamp and generation from the stored object.
    /// </summary>
    private static readonly HashSet<string> PreemptedByRegistry =
        ["namespace changed", "uid changed", "creationTimestamp changed", "generation decremented"];

    public static TheoryData<string> UpdateDescriptionsOverHttp =>
        [.. ServiceValidationCases.Update.Select(c => c.Description).Where(d => !PreemptedByRegistry.Contains(d))];

    [Theory]
    [MemberData(nameof(UpdateDescriptionsOverHttp))]
    public async Task Update_BreaksOneRule_Returns422WithThatCause(string description)
    {
        var rule = ServiceValidationCases.UpdateCase(description);
        var stored = await CreateThenMutateAsync(rule);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ReplaceNamespacedServiceAsync(stored, stored.Metadata.Name, "default").DefaultTimeout());
        AssertSingleCause(e, rule.Field, rule.Reason, rule.Message);
    }

    [Theory]
    [MemberData(nameof(ServiceValidationCases.StatusDescriptions), MemberType = typeof(ServiceValidationCases))]
    public async Task UpdateStatus_BreaksOneRule_Returns422WithThatCause(string description)
    {
        var rule = ServiceValidationCases.StatusCase(description);
        var stored = await CreateThenMutateAsync(rule);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ReplaceNamespacedServiceStatusAsync(stored, stored.Metadata.Name, "default").DefaultTimeout());
        AssertSingleCause(e, rule.Field, rule.Reason, rule.Message);
    }

    private async Task<V1Service> CreateThenMutateAsync(ServiceUpdateCase rule)
    {
        await CreateExistingAsync(rule.Existing);
        var service = ServiceValidationCases.NewService();
        rule.Create(service);
        var stored = await Client.CoreV1.CreateNamespacedServiceAsync(service, "default").DefaultTimeout();
        rule.Update(stored);
        return stored;
    }

    private async Task CreateExistingAsync(IEnumerable<V1Service> existing)
    {
        foreach (var service in existing)
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(service, "default").DefaultTimeout();
        }
    }

    private static void AssertSingleCause(HttpOperationException e, string field, string reason, string message)
    {
        Assert.Equal(422, (int)e.Response.StatusCode);
        var status = e.Status();
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Service", status.Details.Kind);
        // Some inputs break a second rule too (kube-apiserver reports every cause); the case's own must be there.
        Assert.Contains(status.Details.Causes, c => (c.Field, c.Reason, c.Message) == (field, reason, message));
        Assert.StartsWith($"Service \"{status.Details.Name}\" is invalid: ", status.Message);
        Assert.Contains($"{field}: {message}", status.Message, StringComparison.Ordinal);
    }
}
