using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>kubectl's generator commands (protobuf bodies): create namespace, ingress and secret.</summary>
public class KubectlGeneratorTests
{
    [RequiresToolFact("kubectl")]
    public async Task CreateNamespace_NewThenExisting_CreatedThenAlreadyExists()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var created = await kubectl.RunAsync("create", "namespace", "x");
        var again = await kubectl.RunAsync("create", "namespace", "x");
        var dryRun = await kubectl.RunAsync("create", "namespace", "y", "--dry-run=server", "-o", "yaml");
        var yaml = await kubectl.RunAsync("get", "namespace", "x", "-o", "yaml");
        var table = await kubectl.RunAsync("get", "namespaces");

        KubectlAssert.Success(created, "namespace/x created");
        KubectlAssert.Failure(again, "Error from server (AlreadyExists): namespaces \"x\" already exists");
        // A server dry run is defaulted and admitted but never stored: uid and timestamp, no resourceVersion.
        KubectlAssert.Success(dryRun.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Namespace
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                kubernetes.io/metadata.name: "y"
              name: "y"
              uid: <uid>
            spec:
              finalizers:
              - kubernetes
            status:
              phase: Active
            """);
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Namespace
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                kubernetes.io/metadata.name: x
              name: x
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              finalizers:
              - kubernetes
            status:
              phase: Active
            """);
        KubectlAssert.Success(table, """
            NAME              STATUS   AGE
            default           Active   0s
            kube-node-lease   Active   0s
            kube-public       Active   0s
            kube-system       Active   0s
            x                 Active   0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateIngress_Rules_Created()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var created = await kubectl.RunAsync("create", "ingress", "shop", "--class=nginx",
            "--rule=shop.example.com/=web:80", "--rule=shop.example.com/api*=api:http,tls=shop-tls",
            "--annotation=team=a");
        var defaultClass = await kubectl.RunAsync("create", "-f", kubectl.WriteFile("class.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: nginx
              annotations:
                ingressclass.kubernetes.io/is-default-class: "true"
            spec:
              controller: k8s.io/ingress-nginx
            """));
        // No --class: the DefaultIngressClass admission plugin fills in the default class.
        var simple = await kubectl.RunAsync("create", "ingress", "simple", "--rule=/path=web:80");
        var classes = await kubectl.RunAsync("get", "ingressclass");
        var table = await kubectl.RunAsync("get", "ingress");
        var yaml = await kubectl.RunAsync("get", "ingress", "shop", "-o", "yaml");

        KubectlAssert.Success(created, "ingress.networking.k8s.io/shop created");
        KubectlAssert.Success(defaultClass, "ingressclass.networking.k8s.io/nginx created");
        KubectlAssert.Success(simple, "ingress.networking.k8s.io/simple created");
        KubectlAssert.Success(classes, """
            NAME    CONTROLLER             PARAMETERS   AGE
            nginx   k8s.io/ingress-nginx   <none>       0s
            """);
        KubectlAssert.Success(table, """
            NAME     CLASS   HOSTS              ADDRESS   PORTS     AGE
            shop     nginx   shop.example.com             80, 443   0s
            simple   nginx   *                            80        0s
            """);
        // kubectl makes a path ending in * a Prefix path and any other an Exact one.
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              annotations:
                team: a
              creationTimestamp: "2025-01-02T15:04:05Z"
              generation: 1
              name: shop
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              ingressClassName: nginx
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - backend:
                      service:
                        name: web
                        port:
                          number: 80
                    path: /
                    pathType: Exact
                  - backend:
                      service:
                        name: api
                        port:
                          name: http
                    path: /api
                    pathType: Prefix
              tls:
              - hosts:
                - shop.example.com
                secretName: shop-tls
            status:
              loadBalancer: {}
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task CreateSecret_TlsAndGeneric_Created()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var (cert, key) = SelfSignedPair();
        kubectl.WriteFile("tls.crt", cert);
        kubectl.WriteFile("tls.key", key);
        kubectl.WriteFile("app.conf", "mode=fast\n");

        var tls = await kubectl.RunAsync("create", "secret", "tls", "shop-tls", "--cert=tls.crt", "--key=tls.key");
        var generic = await kubectl.RunAsync("create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cret", "--from-file=app.conf");
        var table = await kubectl.RunAsync("get", "secrets");
        var tlsYaml = await kubectl.RunAsync("get", "secret", "shop-tls", "-o", "yaml");
        var genericYaml = await kubectl.RunAsync("get", "secret", "creds", "-o", "yaml");

        KubectlAssert.Success(tls, "secret/shop-tls created");
        KubectlAssert.Success(generic, "secret/creds created");
        KubectlAssert.Success(table, """
            NAME       TYPE                DATA   AGE
            creds      Opaque              3      0s
            shop-tls   kubernetes.io/tls   2      0s
            """);
        KubectlAssert.Success(tlsYaml.Masked(KubectlAssert.MaskIds), $"""
            apiVersion: v1
            data:
              tls.crt: {Base64(cert)}
              tls.key: {Base64(key)}
            kind: Secret
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: shop-tls
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            type: kubernetes.io/tls
            """);
        KubectlAssert.Success(genericYaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            data:
              app.conf: bW9kZT1mYXN0Cg==
              password: czNjcmV0
              user: YWRtaW4=
            kind: Secret
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: creds
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            type: Opaque
            """);
    }

    private static (string Cert, string Key) SelfSignedPair()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=shop.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem() + "\n", rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
