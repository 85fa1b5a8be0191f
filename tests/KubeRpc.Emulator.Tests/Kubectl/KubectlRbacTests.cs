using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// RBAC through kubectl: the create role|rolebinding|clusterrole|clusterrolebinding generators (protobuf bodies), their
/// tables, and what a user those objects grant may then do, checked with <c>auth can-i</c> and <c>--as</c>.
/// </summary>
public class KubectlRbacTests
{
    [RequiresToolFact("kubectl")]
    public async Task CreateGenerators_RolesAndBindings_CreatedAndPrinted()
    {
        await using var kubectl = await SetUpAsync();

        var roles = await kubectl.RunAsync("get", "roles", "-n", "team-a");
        var bindings = await kubectl.RunAsync("get", "rolebindings", "-n", "team-a", "-o", "wide");
        var clusterBinding = await kubectl.RunAsync("get", "clusterrolebinding", "bob-ingress", "-o", "wide");
        var clusterRoles = await kubectl.RunAsync("get", "clusterroles", "ingress-reader", "health", "aggregated");
        var role = await kubectl.RunAsync("get", "role", "svc-editor", "-n", "team-a", "-o", "yaml");
        var binding = await kubectl.RunAsync("get", "rolebinding", "bob-svc", "-n", "team-a", "-o", "yaml");
        var urls = await kubectl.RunAsync("get", "clusterrole", "health", "-o", "jsonpath={.rules}");

        // Roles have no printer in kube-apiserver: the default table, NAME and CREATED AT.
        KubectlAssert.Success(roles, """
            NAME         CREATED AT
            svc-editor   2025-01-02T15:04:05Z
            """);
        KubectlAssert.Success(bindings, """
            NAME      ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS
            bob-svc   Role/svc-editor   0s    bob     devs     team-a/robot
            """);
        KubectlAssert.Success(clusterBinding, """
            NAME          ROLE                         AGE   USERS   GROUPS   SERVICEACCOUNTS
            bob-ingress   ClusterRole/ingress-reader   0s    bob              
            """);
        KubectlAssert.Success(clusterRoles, """
            NAME             CREATED AT
            ingress-reader   2025-01-02T15:04:05Z
            health           2025-01-02T15:04:05Z
            aggregated       2025-01-02T15:04:05Z
            """);
        KubectlAssert.Success(role.Masked(KubectlAssert.MaskIds), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: svc-editor
              namespace: team-a
              resourceVersion: "<rv>"
              uid: <uid>
            rules:
            - apiGroups:
              - ""
              resources:
              - services
              - secrets
              verbs:
              - get
              - list
              - create
            """);
        // User and Group subjects get the RBAC group by default, ServiceAccounts none.
        KubectlAssert.Success(binding.Masked(KubectlAssert.MaskIds), """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: bob-svc
              namespace: team-a
              resourceVersion: "<rv>"
              uid: <uid>
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: svc-editor
            subjects:
            - apiGroup: rbac.authorization.k8s.io
              kind: User
              name: bob
            - apiGroup: rbac.authorization.k8s.io
              kind: Group
              name: devs
            - kind: ServiceAccount
              name: robot
              namespace: team-a
            """);
        Assert.Equal("""[{"nonResourceURLs":["/healthz","/logs/*"],"verbs":["get"]}]""", urls.Stdout);
    }

    [RequiresToolFact("kubectl")]
    public async Task AuthCanI_AsUserInTwoNamespaces_YesOrNoWithExitCode()
    {
        await using var kubectl = await SetUpAsync();

        var createHere = await kubectl.RunAsync("auth", "can-i", "create", "services", "-n", "team-a", "--as", "bob");
        var createThere = await kubectl.RunAsync("auth", "can-i", "create", "services", "-n", "team-b", "--as", "bob");
        var deleteHere = await kubectl.RunAsync("auth", "can-i", "delete", "services", "-n", "team-a", "--as", "bob");
        var ingressThere = await kubectl.RunAsync("auth", "can-i", "list", "ingresses.networking.k8s.io", "-n", "team-b", "--as", "bob");
        var asGroup = await kubectl.RunAsync("auth", "can-i", "get", "secrets", "-n", "team-a", "--as", "carol", "--as-group", "devs");
        var url = await kubectl.RunAsync("auth", "can-i", "get", "/logs/app.log", "--as", "bob");
        var admin = await kubectl.RunAsync("auth", "can-i", "delete", "namespaces");

        KubectlAssert.Success(createHere, "yes");
        KubectlAssert.Output(createThere, 1, "no");
        KubectlAssert.Output(deleteHere, 1, "no");
        KubectlAssert.Success(ingressThere, "yes");
        KubectlAssert.Success(asGroup, "yes");
        KubectlAssert.Success(url, "yes");
        // kubectl's own warning, printed with an empty line after it.
        KubectlAssert.Output(admin, 0, "yes", "Warning: resource 'namespaces' is not namespace scoped\n\n");
    }

    [RequiresToolFact("kubectl")]
    public async Task AuthCanIList_AsUser_PrintsKubectlTable()
    {
        await using var kubectl = await SetUpAsync();

        var list = await kubectl.RunAsync("auth", "can-i", "--list", "-n", "team-a", "--as", "bob");

        // Everyone authenticated may review itself and read discovery and health; kubectl sorts and compacts the rules.
        KubectlAssert.Success(list, """
            Resources                                       Non-Resource URLs   Resource Names   Verbs
            selfsubjectreviews.authentication.k8s.io        []                  []               [create]
            selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
            selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
            secrets                                         []                  []               [get list create]
            services                                        []                  []               [get list create]
            ingresses.networking.k8s.io                     []                  []               [get list watch]
                                                            [/api/*]            []               [get]
                                                            [/api]              []               [get]
                                                            [/apis/*]           []               [get]
                                                            [/apis]             []               [get]
                                                            [/healthz]          []               [get]
                                                            [/healthz]          []               [get]
                                                            [/healthz]          []               [get]
                                                            [/livez]            []               [get]
                                                            [/livez]            []               [get]
                                                            [/logs/*]           []               [get]
                                                            [/openapi/*]        []               [get]
                                                            [/openapi]          []               [get]
                                                            [/readyz]           []               [get]
                                                            [/readyz]           []               [get]
                                                            [/version/]         []               [get]
                                                            [/version/]         []               [get]
                                                            [/version]          []               [get]
                                                            [/version]          []               [get]
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Create_AsUserWithoutPermission_ForbiddenWithKubeApiserverMessage()
    {
        await using var kubectl = await SetUpAsync();
        var file = kubectl.WriteFile("svc.yaml", KubectlManifests.Web().Replace("  clusterIP: 10.96.0.50\n", "", StringComparison.Ordinal));

        var generator = await kubectl.RunAsync("create", "service", "clusterip", "web", "--tcp=80", "-n", "team-b", "--as", "bob");
        var manifest = await kubectl.RunAsync("create", "-f", file, "-n", "team-b", "--as", "bob");
        var allowed = await kubectl.RunAsync("create", "-f", file, "-n", "team-a", "--as", "bob");

        KubectlAssert.Failure(generator, "error: failed to create ClusterIP service: services is forbidden: User \"bob\" cannot create resource \"services\" " +
            "in API group \"\" in the namespace \"team-b\"");
        KubectlAssert.Failure(manifest, "Error from server (Forbidden): error when creating \"svc.yaml\": services is forbidden: User \"bob\" cannot create " +
            "resource \"services\" in API group \"\" in the namespace \"team-b\"");
        KubectlAssert.Success(allowed, "service/web created");
    }

    [RequiresToolFact("kubectl")]
    public async Task As_AdminImpersonates_RequestAuthorizedAsTheImpersonatedUser()
    {
        await using var kubectl = await SetUpAsync();

        var bob = await kubectl.RunAsync("get", "services", "-n", "team-a", "--as", "bob");
        var carol = await kubectl.RunAsync("get", "services", "-n", "team-a", "--as", "carol");
        var robot = await kubectl.RunAsync("get", "services", "-n", "team-a", "--as", "system:serviceaccount:team-a:robot");

        KubectlAssert.Output(bob, 0, "", "No resources found in team-a namespace.");
        KubectlAssert.Failure(carol, "Error from server (Forbidden): services is forbidden: User \"carol\" cannot list resource \"services\" " +
            "in API group \"\" in the namespace \"team-a\"");
        KubectlAssert.Output(robot, 0, "", "No resources found in team-a namespace.");
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateRoleAndBinding_GrantingWhatTheUserLacks_EscalationForbiddenUnlessBind()
    {
        await using var kubectl = await SetUpAsync();
        await kubectl.RunAsync("create", "role", "role-maker", "--verb=create", "--resource=roles,rolebindings", "-n", "team-a");
        await kubectl.RunAsync("create", "rolebinding", "bob-role-maker", "--role=role-maker", "--user=bob", "-n", "team-a");

        var held = await kubectl.RunAsync("create", "role", "copy", "--verb=get,list", "--resource=services", "-n", "team-a", "--as", "bob");
        var escalating = await kubectl.RunAsync("create", "role", "more", "--verb=get,delete", "--resource=services", "-n", "team-a", "--as", "bob");
        await kubectl.RunAsync("create", "role", "secret-deleter", "--verb=delete", "--resource=secrets", "-n", "team-a");
        var binding = await kubectl.RunAsync("create", "rolebinding", "alice-deleter", "--role=secret-deleter", "--user=alice", "-n", "team-a", "--as", "bob");
        // The bind verb on that role lets bob grant what he does not hold.
        await kubectl.RunAsync("create", "role", "binder", "--verb=bind", "--resource=roles", "--resource-name=secret-deleter", "-n", "team-a");
        await kubectl.RunAsync("create", "rolebinding", "bob-binder", "--role=binder", "--user=bob", "-n", "team-a");
        var bound = await kubectl.RunAsync("create", "rolebinding", "alice-deleter", "--role=secret-deleter", "--user=alice", "-n", "team-a", "--as", "bob");

        KubectlAssert.Success(held, "role.rbac.authorization.k8s.io/copy created");
        KubectlAssert.Failure(escalating, """
            Error from server (Forbidden): roles.rbac.authorization.k8s.io "more" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:
            {APIGroups:[""], Resources:["services"], Verbs:["delete"]}
            """);
        KubectlAssert.Failure(binding, """
            error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "alice-deleter" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:
            {APIGroups:[""], Resources:["secrets"], Verbs:["delete"]}
            """);
        KubectlAssert.Success(bound, "rolebinding.rbac.authorization.k8s.io/alice-deleter created");
    }

    /// <summary>
    /// Namespaces team-a and team-b; bob may get, list and create services and secrets in team-a (a Role and a
    /// RoleBinding that also names group devs and service account team-a:robot), list ingresses everywhere and read
    /// /healthz and /logs/* (ClusterRoles and a ClusterRoleBinding); "aggregated" gathers ClusterRoles labelled team=ingress.
    /// </summary>
    private static async Task<KubectlSession> SetUpAsync()
    {
        var kubectl = await KubectlSession.StartAsync();
        string[][] commands =
        [
            ["create", "namespace", "team-a"],
            ["create", "namespace", "team-b"],
            ["create", "role", "svc-editor", "--verb=get,list,create", "--resource=services,secrets", "-n", "team-a"],
            ["create", "rolebinding", "bob-svc", "--role=svc-editor", "--user=bob", "--group=devs", "--serviceaccount=team-a:robot", "-n", "team-a"],
            ["create", "clusterrole", "ingress-reader", "--verb=get,list,watch", "--resource=ingresses.networking.k8s.io"],
            ["create", "clusterrole", "health", "--verb=get", "--non-resource-url=/healthz", "--non-resource-url=/logs/*"],
            ["create", "clusterrole", "aggregated", "--aggregation-rule=team=ingress"],
            ["create", "clusterrolebinding", "bob-ingress", "--clusterrole=ingress-reader", "--user=bob"],
            ["create", "clusterrolebinding", "bob-health", "--clusterrole=health", "--user=bob"],
        ];
        foreach (var command in commands)
        {
            var result = await kubectl.RunAsync(command);
            Assert.True(result.ExitCode == 0, result.Describe());
        }
        return kubectl;
    }
}
