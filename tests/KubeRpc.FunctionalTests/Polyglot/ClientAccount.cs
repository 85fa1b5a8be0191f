using KubeRpc.Emulator.Tests.Kubectl;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// A client's identity on the server's embedded cluster, set up as the README shows: kubectl, over the embedded
/// API's plain-HTTP loopback URL where a caller without credentials is the cluster admin, creates a namespace, a
/// service account, a Role on Services there and its binding, then <c>kubectl create token</c> issues the token.
/// The token comes from the very cluster KubeRpc reviews tokens with; obtaining it needs no TLS endpoint.
/// </summary>
internal sealed record ClientAccount(string Namespace, string Name, string Token)
{
    /// <summary>A namespace the account has no access to.</summary>
    public const string ForbiddenNamespace = "default";

    public static async Task<ClientAccount> CreateAsync(ServerProcess server, string ns = "shop", string name = "polyglot")
    {
        var home = Directory.CreateTempSubdirectory("kuberpc-polyglot-kubectl-");
        try
        {
            string[][] setup =
            [
                ["create", "namespace", ns],
                ["-n", ns, "create", "serviceaccount", name],
                ["-n", ns, "create", "role", name, "--verb=create,get,list,watch,patch,delete", "--resource=services"],
                ["-n", ns, "create", "rolebinding", name, $"--role={name}", $"--serviceaccount={ns}:{name}"],
            ];
            foreach (var args in setup)
            {
                await KubectlAsync(server, home.FullName, args);
            }
            var token = (await KubectlAsync(server, home.FullName, ["-n", ns, "create", "token", name])).Trim();
            return new ClientAccount(ns, name, token);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>kubectl against the embedded API with a private HOME and an empty kubeconfig: nothing of the host's set-up leaks in.</summary>
    private static Task<string> KubectlAsync(ServerProcess server, string home, string[] args)
    {
        var kubeconfig = Path.Combine(home, "kubeconfig");
        File.WriteAllText(kubeconfig, "");
        var environment = KubectlDefaults.ScrubbedVariables.ToDictionary(name => name, string? (_) => null);
        environment["HOME"] = home;
        environment["KUBECONFIG"] = kubeconfig;
        return PolyglotScript.RunToEndAsync(KubectlDefaults.Executable, ["--server", $"http://127.0.0.1:{server.ApiPort}", .. args], home,
            server, environment);
    }
}
