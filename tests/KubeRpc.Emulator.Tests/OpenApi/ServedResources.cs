using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Printing;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Tests.OpenApi;

/// <summary>The emulator's resource set (kubernetes-api.md §2) with trivial strategies and printers, for discovery and OpenAPI tests.</summary>
internal static class ServedResources
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static ResourceType Namespaces { get; } = new()
    {
        Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false,
        ModelType = typeof(V1Namespace), ListModelType = typeof(V1NamespaceList), ShortNames = ["ns"],
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        Subresources = [new("status", ["get", "patch", "update"]), new("finalize", ["update"])],
        Strategy = new StubStrategy(returnDeletedObject: true), Printer = StubPrinter.Instance,
    };

    public static ResourceType Services { get; } = new()
    {
        Group = "", Version = "v1", Kind = "Service", Plural = "services", Singular = "service", Namespaced = true,
        ModelType = typeof(V1Service), ListModelType = typeof(V1ServiceList), ShortNames = ["svc"], Categories = ["all"],
        Verbs = AllVerbs,
        Subresources = [new("status", ["get", "patch", "update"]), new("proxy", ["create", "delete", "get", "patch", "update"])],
        Strategy = new StubStrategy(returnDeletedObject: true), Printer = StubPrinter.Instance,
    };

    public static ResourceType Secrets { get; } = new()
    {
        Group = "", Version = "v1", Kind = "Secret", Plural = "secrets", Singular = "secret", Namespaced = true,
        ModelType = typeof(V1Secret), ListModelType = typeof(V1SecretList), Verbs = AllVerbs,
        Strategy = new StubStrategy(returnDeletedObject: false), Printer = StubPrinter.Instance,
    };

    public static ResourceType Ingresses { get; } = new()
    {
        Group = "networking.k8s.io", Version = "v1", Kind = "Ingress", Plural = "ingresses", Singular = "ingress", Namespaced = true,
        ModelType = typeof(V1Ingress), ListModelType = typeof(V1IngressList), ShortNames = ["ing"], Verbs = AllVerbs,
        Subresources = [new("status", ["get", "patch", "update"])],
        Strategy = new StubStrategy(returnDeletedObject: false), Printer = StubPrinter.Instance,
    };

    public static ResourceType IngressClasses { get; } = new()
    {
        Group = "networking.k8s.io", Version = "v1", Kind = "IngressClass", Plural = "ingressclasses", Singular = "ingressclass",
        Namespaced = false, ModelType = typeof(V1IngressClass), ListModelType = typeof(V1IngressClassList), Verbs = AllVerbs,
        Strategy = new StubStrategy(returnDeletedObject: false), Printer = StubPrinter.Instance,
    };

    public static IReadOnlyList<ResourceType> All { get; } = [Namespaces, Services, Secrets, Ingresses, IngressClasses];

    private sealed class StubStrategy(bool returnDeletedObject) : ResourceStrategy
    {
        public override bool ReturnDeletedObject => returnDeletedObject;

        public override IReadOnlyList<string> ValidateName(string name, bool prefix) => [];
    }

    private sealed class StubPrinter : ITablePrinter
    {
        public static readonly StubPrinter Instance = new();

        public IReadOnlyList<TableColumn> Columns { get; } = [new("Name", "string", "name", "Name", 0)];

        public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now) => [obj.Metadata?.Name];
    }
}
