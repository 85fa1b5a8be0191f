using k8s;
using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Admission.Interim;

// Stand-ins used until the real strategies and printers are merged.
internal sealed class PassThroughStrategy(bool returnDeleted = false, bool createOnUpdate = false) : ResourceStrategy
{
    public override bool ReturnDeletedObject => returnDeleted;

    public override bool AllowCreateOnUpdate => createOnUpdate;

    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => [];

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is V1Namespace ns)
        {
            ns.Status = new V1NamespaceStatus { Phase = "Active" };
            ns.Spec ??= new V1NamespaceSpec();
            ns.Spec.Finalizers ??= [];
            if (!ns.Spec.Finalizers.Contains("kubernetes"))
            {
                ns.Spec.Finalizers.Add("kubernetes");
            }
        }
    }
}

internal sealed class InterimNamespaceStrategy : ResourceStrategy, KubeRpc.Emulator.Registry.IFinalizeStrategy
{
    private readonly PassThroughStrategy _inner = new(returnDeleted: true);

    public override bool ReturnDeletedObject => true;

    public override IReadOnlyList<string> ValidateName(string name, bool prefix) => [];

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) => _inner.PrepareForCreate(obj);

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        ((V1Namespace)obj).Spec = ((V1Namespace)old).Spec;
        ((V1Namespace)obj).Status = ((V1Namespace)old).Status;
    }

    public IEnumerable<FieldError> PrepareAndValidateFinalize(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old)
    {
        var finalizers = ((V1Namespace)obj).Spec?.Finalizers;
        var copy = k8s.KubernetesJson.Deserialize<V1Namespace>(k8s.KubernetesJson.Serialize(old));
        ((V1Namespace)obj).Status = copy.Status;
        ((V1Namespace)obj).Spec = new V1NamespaceSpec { Finalizers = finalizers };
        return [];
    }
}
