using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Auth.Endpoints;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Resources;

/// <summary>The resources the emulator serves, in discovery order, with their strategies and printers.</summary>
internal sealed partial class ResourceCatalog
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] NamespaceVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    private readonly Dictionary<(string Group, string Plural), ResourceType> _byName = [];

    public ResourceCatalog(ResourceStrategies strategies, AuthenticationEndpoints authentication)
    {
        Namespaces = new ResourceType
        {
            Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false,
            ModelType = typeof(V1Namespace), ListModelType = typeof(V1NamespaceList), ShortNames = ["ns"], Verbs = NamespaceVerbs,
            Subresources = [new("finalize", ["update"]), new("status", StatusVerbs)],
            Strategy = strategies.Namespace, Printer = strategies.NamespacePrinter,
            FieldSelectors = Fields(("status.phase", o => ((V1Namespace)o).Status?.Phase ?? ""), ("name", o => o.Metadata.Name)),
        };
        Services = new ResourceType
        {
            Group = "", Version = "v1", Kind = "Service", Plural = "services", Singular = "service", Namespaced = true,
            ModelType = typeof(V1Service), ListModelType = typeof(V1ServiceList), ShortNames = ["svc"], Categories = ["all"],
            Verbs = AllVerbs, Subresources = [new("proxy", ["create", "delete", "get", "patch", "update"]), new("status", StatusVerbs)],
            Strategy = strategies.Service, Printer = strategies.ServicePrinter,
            FieldSelectors = Fields(("spec.clusterIP", o => ((V1Service)o).Spec?.ClusterIP ?? ""), ("spec.type", o => ((V1Service)o).Spec?.Type ?? "")),
        };
        Secrets = new ResourceType
        {
            Group = "", Version = "v1", Kind = "Secret", Plural = "secrets", Singular = "secret", Namespaced = true,
            ModelType = typeof(V1Secret), ListModelType = typeof(V1SecretList), Verbs = AllVerbs,
            Strategy = strategies.Secret, Printer = strategies.SecretPrinter,
            FieldSelectors = Fields(("type", o => ((V1Secret)o).Type ?? "")),
        };
        ServiceAccounts = new ResourceType
        {
            Group = "", Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true,
            ModelType = typeof(V1ServiceAccount), ListModelType = typeof(V1ServiceAccountList), ShortNames = ["sa"], Verbs = AllVerbs,
            Subresources = [authentication.TokenSubresource],
            Strategy = strategies.ServiceAccount, Printer = strategies.ServiceAccountPrinter,
        };
        IngressClasses = new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Kind = "IngressClass", Plural = "ingressclasses", Singular = "ingressclass",
            Namespaced = false, ModelType = typeof(V1IngressClass), ListModelType = typeof(V1IngressClassList), Verbs = AllVerbs,
            Strategy = strategies.IngressClass, Printer = strategies.IngressClassPrinter,
        };
        Ingresses = new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Kind = "Ingress", Plural = "ingresses", Singular = "ingress",
            Namespaced = true, ModelType = typeof(V1Ingress), ListModelType = typeof(V1IngressList), ShortNames = ["ing"],
            Verbs = AllVerbs, Subresources = [new("status", StatusVerbs)],
            Strategy = strategies.Ingress, Printer = strategies.IngressPrinter,
        };
        ConfigMaps = new ResourceType
        {
            Group = "", Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Singular = "configmap", Namespaced = true,
            ModelType = typeof(V1ConfigMap), ListModelType = typeof(V1ConfigMapList), ShortNames = ["cm"], Verbs = AllVerbs,
            Strategy = strategies.ConfigMap, Printer = strategies.ConfigMapPrinter,
        };
        Deployments = new ResourceType
        {
            Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment", Namespaced = true,
            ModelType = typeof(V1Deployment), ListModelType = typeof(V1DeploymentList), ShortNames = ["deploy"], Categories = ["all"],
            // deployments/scale is not served: nothing would act on it without a controller.
            Verbs = AllVerbs, Subresources = [new("status", StatusVerbs)],
            Strategy = strategies.Deployment, Printer = strategies.DeploymentPrinter,
        };
        PodDisruptionBudgets = new ResourceType
        {
            Group = "policy", Version = "v1", Kind = "PodDisruptionBudget", Plural = "poddisruptionbudgets", Singular = "poddisruptionbudget",
            Namespaced = true, ModelType = typeof(V1PodDisruptionBudget), ListModelType = typeof(V1PodDisruptionBudgetList), ShortNames = ["pdb"],
            Verbs = AllVerbs, Subresources = [new("status", StatusVerbs)],
            Strategy = strategies.PodDisruptionBudget, Printer = strategies.PodDisruptionBudgetPrinter,
        };
        NetworkPolicies = new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Kind = "NetworkPolicy", Plural = "networkpolicies", Singular = "networkpolicy",
            Namespaced = true, ModelType = typeof(V1NetworkPolicy), ListModelType = typeof(V1NetworkPolicyList), ShortNames = ["netpol"],
            Verbs = AllVerbs, Strategy = strategies.NetworkPolicy, Printer = strategies.NetworkPolicyPrinter,
        };
        Nodes = new ResourceType
        {
            Group = "", Version = "v1", Kind = "Node", Plural = "nodes", Singular = "node", Namespaced = false,
            ModelType = typeof(V1Node), ListModelType = typeof(V1NodeList), ShortNames = ["no"], Verbs = AllVerbs,
            Subresources = [new("status", StatusVerbs)],
            Strategy = strategies.Node, Printer = strategies.NodePrinter,
            FieldSelectors = Fields(("spec.unschedulable", o => ((V1Node)o).Spec?.Unschedulable == true ? "true" : "false")),
        };
        Pods = new ResourceType
        {
            Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod", Namespaced = true,
            ModelType = typeof(V1Pod), ListModelType = typeof(V1PodList), ShortNames = ["po"], Categories = ["all"],
            Verbs = AllVerbs, Subresources = [new("status", StatusVerbs)],
            Strategy = strategies.Pod, Printer = strategies.PodPrinter,
            FieldSelectors = Fields(
                ("spec.nodeName", o => ((V1Pod)o).Spec?.NodeName ?? ""),
                ("spec.restartPolicy", o => ((V1Pod)o).Spec?.RestartPolicy ?? ""),
                ("spec.schedulerName", o => ((V1Pod)o).Spec?.SchedulerName ?? ""),
                ("spec.serviceAccountName", o => ((V1Pod)o).Spec?.ServiceAccountName ?? ""),
                ("status.phase", o => ((V1Pod)o).Status?.Phase ?? ""),
                ("status.podIP", o => ((V1Pod)o).Status?.PodIP ?? ""),
                ("status.nominatedNodeName", o => ((V1Pod)o).Status?.NominatedNodeName ?? "")),
        };
        EndpointSlices = new ResourceType
        {
            Group = "discovery.k8s.io", Version = "v1", Kind = "EndpointSlice", Plural = "endpointslices", Singular = "endpointslice",
            Namespaced = true, ModelType = typeof(V1EndpointSlice), ListModelType = typeof(V1EndpointSliceList), Verbs = AllVerbs,
            Strategy = strategies.EndpointSlice, Printer = strategies.EndpointSlicePrinter,
        };
        // Groups in kube-apiserver's discovery order (its group priorities), each group's resources as listed here.
        All = [.. new[] { Namespaces, Services, Secrets, ServiceAccounts, ConfigMaps, authentication.TokenReviews,
                authentication.SelfSubjectReviews, Nodes, Pods, IngressClasses, Ingresses, Deployments, PodDisruptionBudgets, NetworkPolicies, EndpointSlices }
            .Concat(AuthorizationTypes(strategies.Authorization))
            .OrderBy(type => GroupPriority(type.Group))];
        foreach (var type in All)
        {
            _byName[(type.Group, type.Plural)] = type;
        }
    }

    public ResourceType Namespaces { get; }

    public ResourceType Services { get; }

    public ResourceType Secrets { get; }

    public ResourceType ServiceAccounts { get; }

    public ResourceType IngressClasses { get; }

    public ResourceType Ingresses { get; }

    public ResourceType ConfigMaps { get; }

    public ResourceType Deployments { get; }

    public ResourceType PodDisruptionBudgets { get; }

    public ResourceType NetworkPolicies { get; }

    public ResourceType Nodes { get; }

    public ResourceType Pods { get; }

    public ResourceType EndpointSlices { get; }

    public IReadOnlyList<ResourceType> All { get; }

    /// <summary>Where kube-apiserver 1.32 lists a group in discovery; groups the emulator does not serve come last.</summary>
    private static int GroupPriority(string group) => Array.IndexOf(DiscoveryGroupOrder, group) is var i and >= 0 ? i : DiscoveryGroupOrder.Length;

    private static readonly string[] DiscoveryGroupOrder =
        ["", "apps", "authentication.k8s.io", "authorization.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "discovery.k8s.io"];

    public ResourceType? Find(string group, string plural) => _byName.GetValueOrDefault((group, plural));

    private static Dictionary<string, Func<k8s.IKubernetesObject<V1ObjectMeta>, string>> Fields(
        params (string Name, Func<k8s.IKubernetesObject<V1ObjectMeta>, string> Get)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Get, StringComparer.Ordinal);
}

/// <summary>The strategy and printer instances of one emulator (allocators are per emulator).</summary>
internal sealed record ResourceStrategies(
    ResourceStrategy Namespace, ITablePrinter NamespacePrinter,
    ResourceStrategy Service, ITablePrinter ServicePrinter,
    ResourceStrategy Secret, ITablePrinter SecretPrinter,
    ResourceStrategy IngressClass, ITablePrinter IngressClassPrinter,
    ResourceStrategy Ingress, ITablePrinter IngressPrinter,
    ResourceStrategy ServiceAccount, ITablePrinter ServiceAccountPrinter,
    AuthorizationKinds Authorization,
    ResourceStrategy ConfigMap, ITablePrinter ConfigMapPrinter,
    ResourceStrategy Deployment, ITablePrinter DeploymentPrinter,
    ResourceStrategy PodDisruptionBudget, ITablePrinter PodDisruptionBudgetPrinter,
    ResourceStrategy NetworkPolicy, ITablePrinter NetworkPolicyPrinter,
    ResourceStrategy Node, ITablePrinter NodePrinter,
    ResourceStrategy Pod, ITablePrinter PodPrinter,
    ResourceStrategy EndpointSlice, ITablePrinter EndpointSlicePrinter);
