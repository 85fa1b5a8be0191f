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
