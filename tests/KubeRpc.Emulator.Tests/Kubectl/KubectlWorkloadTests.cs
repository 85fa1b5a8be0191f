using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// The kinds a KubeRpc deployment needs through kubectl: <c>create configmap|deployment|poddisruptionbudget</c>
/// (protobuf bodies), <c>create -f</c> of a NetworkPolicy, their tables (plain and wide), YAML and deletion.
/// </summary>
/// <remarks>
/// kube-apiserver 1.32 also prints <c>creationTimestamp: null</c> under a Deployment's <c>spec.template.metadata</c>
/// (Go writes the zero <c>metav1.Time</c> as null); the emulator's models cannot hold a present-but-null timestamp,
/// so its YAML lacks that line. A real cluster also has the <c>kube-root-ca.crt</c> ConfigMap in every namespace,
/// which a controller publishes; the emulator runs no such controller.
/// </remarks>
public class KubectlWorkloadTests
{
    [RequiresToolFact("kubectl")]
    public async Task CreateConfigMap_FromLiterals_TableYamlAndDelete()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var created = await kubectl.RunAsync("create", "configmap", "app", "--from-literal=mode=fast", "--from-literal=level=2");
        var again = await kubectl.RunAsync("create", "configmap", "app", "--from-literal=mode=fast");
        var table = await kubectl.RunAsync("get", "cm");
        var wide = await kubectl.RunAsync("get", "configmaps", "-o", "wide");
        var yaml = await kubectl.RunAsync("get", "configmap", "app", "-o", "yaml");
        var deleted = await kubectl.RunAsync("delete", "cm", "app");
        var gone = await kubectl.RunAsync("get", "cm", "app");

        KubectlAssert.Success(created, "configmap/app created");
        KubectlAssert.Failure(again, "error: failed to create configmap: configmaps \"app\" already exists");
        KubectlAssert.Success(table, """
            NAME   DATA   AGE
            app    2      0s
            """);
        KubectlAssert.Success(wide, """
            NAME   DATA   AGE
            app    2      0s
            """);
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            data:
              level: "2"
              mode: fast
            kind: ConfigMap
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: app
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            """);
        KubectlAssert.Success(deleted, "configmap \"app\" deleted");
        KubectlAssert.Failure(gone, "Error from server (NotFound): configmaps \"app\" not found");
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateDeployment_ImagePortReplicas_TableWideYamlGetAllAndDelete()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var created = await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--port=80", "--replicas=2");
        var latest = await kubectl.RunAsync("create", "deployment", "cache", "--image=redis");
        var table = await kubectl.RunAsync("get", "deploy");
        var wide = await kubectl.RunAsync("get", "deployments.apps", "-o", "wide");
        var all = await kubectl.RunAsync("get", "all");
        var yaml = await kubectl.RunAsync("get", "deployment", "web", "-o", "yaml");
        var deleted = await kubectl.RunAsync("delete", "deploy", "web", "cache");
        var gone = await kubectl.RunAsync("get", "deploy");

        KubectlAssert.Success(created, "deployment.apps/web created");
        KubectlAssert.Success(latest, "deployment.apps/cache created");
        // No controller runs: nothing becomes ready, updated or available.
        KubectlAssert.Success(table, """
            NAME    READY   UP-TO-DATE   AVAILABLE   AGE
            cache   0/1     0            0           0s
            web     0/2     0            0           0s
            """);
        KubectlAssert.Success(wide, """
            NAME    READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
            cache   0/1     0            0           0s    redis        redis        app=cache
            web     0/2     0            0           0s    nginx        nginx:1.27   app=web
            """);
        KubectlAssert.Success(all, """
            NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s

            NAME                    READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/cache   0/1     0            0           0s
            deployment.apps/web     0/2     0            0           0s
            """);
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              generation: 1
              labels:
                app: web
              name: web
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              progressDeadlineSeconds: 600
              replicas: 2
              revisionHistoryLimit: 10
              selector:
                matchLabels:
                  app: web
              strategy:
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 25%
                type: RollingUpdate
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx:1.27
                    imagePullPolicy: IfNotPresent
                    name: nginx
                    ports:
                    - containerPort: 80
                      protocol: TCP
                    resources: {}
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
            status: {}
            """);
        KubectlAssert.Success(deleted, """
            deployment.apps "web" deleted
            deployment.apps "cache" deleted
            """);
        KubectlAssert.Output(gone, 0, "", "No resources found in default namespace.");
    }

    [RequiresToolFact("kubectl")]
    public async Task CreatePodDisruptionBudget_MinAvailableAndMaxUnavailable_TableYamlAndDelete()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var min = await kubectl.RunAsync("create", "poddisruptionbudget", "web", "--selector=app=web", "--min-available=2");
        var max = await kubectl.RunAsync("create", "pdb", "api", "--selector=app in (api,web)", "--max-unavailable=25%");
        var table = await kubectl.RunAsync("get", "pdb");
        var yaml = await kubectl.RunAsync("get", "pdb", "api", "-o", "yaml");
        var deleted = await kubectl.RunAsync("delete", "poddisruptionbudgets", "--all");

        KubectlAssert.Success(min, "poddisruptionbudget.policy/web created");
        KubectlAssert.Success(max, "poddisruptionbudget.policy/api created");
        KubectlAssert.Success(table, """
            NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
            api    N/A             25%               0                     0s
            web    2               N/A               0                     0s
            """);
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              generation: 1
              name: api
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              maxUnavailable: 25%
              selector:
                matchExpressions:
                - key: app
                  operator: In
                  values:
                  - api
                  - web
            status:
              currentHealthy: 0
              desiredHealthy: 0
              disruptionsAllowed: 0
              expectedPods: 0
            """);
        KubectlAssert.Success(deleted, """
            poddisruptionbudget.policy "api" deleted
            poddisruptionbudget.policy "web" deleted
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateNetworkPolicy_FromFile_DefaultedTableYamlAndDelete()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("netpol.yaml", KubectlWorkloadManifests.NetworkPolicies);

        var created = await kubectl.RunAsync("create", "-f", file);
        var table = await kubectl.RunAsync("get", "netpol");
        var wide = await kubectl.RunAsync("get", "networkpolicies.networking.k8s.io", "-o", "wide");
        var yaml = await kubectl.RunAsync("get", "networkpolicy", "allow-web", "-o", "yaml");
        var deleted = await kubectl.RunAsync("delete", "-f", file);

        KubectlAssert.Success(created, """
            networkpolicy.networking.k8s.io/allow-web created
            networkpolicy.networking.k8s.io/default-deny created
            """);
        KubectlAssert.Success(table, """
            NAME           POD-SELECTOR   AGE
            allow-web      app=web        0s
            default-deny   <none>         0s
            """);
        KubectlAssert.Success(wide, """
            NAME           POD-SELECTOR   AGE
            allow-web      app=web        0s
            default-deny   <none>         0s
            """);
        // policyTypes defaults to Ingress, plus Egress because the policy has egress rules; ports default to TCP.
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              generation: 1
              name: allow-web
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              egress:
              - ports:
                - port: 53
                  protocol: UDP
              ingress:
              - from:
                - podSelector:
                    matchLabels:
                      role: client
                ports:
                - port: 8080
                  protocol: TCP
              podSelector:
                matchLabels:
                  app: web
              policyTypes:
              - Ingress
              - Egress
            """);
        KubectlAssert.Success(deleted, """
            networkpolicy.networking.k8s.io "allow-web" deleted
            networkpolicy.networking.k8s.io "default-deny" deleted
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateInvalid_DeploymentAndBudget_KubeApiserversCauses()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("bad.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: bad
            spec:
              selector:
                matchLabels: {app: other}
              template:
                metadata:
                  labels: {app: bad}
                spec:
                  containers:
                  - name: bad
            """);

        var deployment = await kubectl.RunAsync("create", "-f", file);
        var budget = await kubectl.RunAsync("create", "pdb", "web", "--selector=app=web", "--min-available=150%");

        KubectlAssert.Failure(deployment, """
            The Deployment "bad" is invalid: 
            * spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`
            * spec.template.spec.containers[0].image: Required value
            """);
        KubectlAssert.Failure(budget, """
            error: failed to create poddisruptionbudgets: PodDisruptionBudget.policy "web" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task GetWithFieldSelector_MetadataOnly_OtherFieldsRefused()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27");
        await kubectl.RunAsync("create", "deployment", "api", "--image=nginx:1.27");

        var byName = await kubectl.RunAsync("get", "deploy", "--field-selector", "metadata.name=web", "-o", "name");
        var bySpec = await kubectl.RunAsync("get", "deploy", "--field-selector", "spec.replicas=1");

        KubectlAssert.Success(byName, "deployment.apps/web");
        KubectlAssert.Failure(bySpec, """
            Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyDeployment_ChangedImageEnvAndContainers_MergedByName()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", WebDeployment(image: "nginx:1.27", env: "[{name: A, value: '1'}, {name: B, value: '2'}]", sidecar: false));
        var first = await kubectl.RunAsync("apply", "-f", file);
        kubectl.WriteFile("web.yaml", WebDeployment(image: "nginx:1.28", env: "[{name: A, value: '1'}]", sidecar: true));

        var second = await kubectl.RunAsync("apply", "-f", file);
        var containers = await kubectl.RunAsync("get", "deploy", "web", "-o",
            "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image} env:{.env[*].name} pull:{.imagePullPolicy};{end} generation:{.metadata.generation}");

        KubectlAssert.Success(first, "deployment.apps/web created");
        KubectlAssert.Success(second, "deployment.apps/web configured");
        // The patch kubectl computed from the OpenAPI merge keys: B deleted from env by name, log added, defaults kept.
        Assert.Equal(0, containers.ExitCode);
        Assert.Equal("web=nginx:1.28 env:A pull:IfNotPresent;log=busybox env: pull:Always; generation:2", containers.Stdout);
    }

    private static string WebDeployment(string image, string env, bool sidecar) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: {{image}}
                env: {{env}}
        {{(sidecar ? "      - {name: log, image: busybox}" : "")}}
        """;
}
