using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// The whole access story through the unmodified kubectl, as a team would set it up: a service account, a role and a
/// binding from kubectl's generators, a token from <c>kubectl create token</c>, then what that token may and may not do
/// in two namespaces, impersonation by the admin and by the service account, and the token refused once its service
/// account is gone.
/// </summary>
public class KubectlAccessScenarioTests
{
    private const string Robot = "system:serviceaccount:team-a:robot";

    [RequiresToolFact("kubectl")]
    public async Task ServiceAccountWithRoleInOneNamespace_TokenAllowedThereOnly_ImpersonationNeedsTheVerb_DeletedAccountUnauthorized()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        string[][] setUp =
        [
            ["create", "namespace", "team-a"],
            ["create", "namespace", "team-b"],
            ["create", "serviceaccount", "robot", "-n", "team-a"],
            ["create", "role", "svc-editor", "--verb=get,list,create", "--resource=services", "-n", "team-a"],
            ["create", "rolebinding", "robot-svc", "--role=svc-editor", "--serviceaccount=team-a:robot", "-n", "team-a"],
        ];
        var created = new List<KubectlResult>();
        foreach (var command in setUp)
        {
            created.Add(await kubectl.RunAsync(command));
        }
        var token = Assert.Single((await kubectl.RunAsync("create", "token", "robot", "-n", "team-a")).StdoutLines);

        var canHere = await kubectl.RunWithTokenAsync(token, "auth", "can-i", "create", "services", "-n", "team-a");
        var canThere = await kubectl.RunWithTokenAsync(token, "auth", "can-i", "create", "services", "-n", "team-b");
        var whoami = await kubectl.RunWithTokenAsync(token, "auth", "whoami");
        var createHere = await kubectl.RunWithTokenAsync(token, "create", "service", "clusterip", "web", "--tcp=80", "-n", "team-a");
        var createThere = await kubectl.RunWithTokenAsync(token, "create", "service", "clusterip", "web", "--tcp=80", "-n", "team-b");
        var adminAs = await kubectl.RunAsync("get", "services", "-n", "team-a", "--as", Robot);
        var robotAs = await kubectl.RunWithTokenAsync(token, "get", "--raw", "/api/v1/namespaces/team-a/services", "--as", "alice");
        await kubectl.RunAsync("delete", "serviceaccount", "robot", "-n", "team-a");
        var afterDelete = await kubectl.RunWithTokenAsync(token, "auth", "can-i", "create", "services", "-n", "team-a");

        Assert.Equal(["namespace/team-a created", "namespace/team-b created", "serviceaccount/robot created",
            "role.rbac.authorization.k8s.io/svc-editor created", "rolebinding.rbac.authorization.k8s.io/robot-svc created"],
            created.Select(r => r.Stdout.TrimEnd()));
        KubectlAssert.Success(canHere, "yes");
        KubectlAssert.Output(canThere, 1, "no");
        KubectlAssert.Success(whoami.Masked(KubectlAssert.MaskIds), """
            ATTRIBUTE                                           VALUE
            Username                                            system:serviceaccount:team-a:robot
            UID                                                 <uid>
            Groups                                              [system:serviceaccounts system:serviceaccounts:team-a system:authenticated]
            Extra: authentication.kubernetes.io/credential-id   [JTI=<uid>]
            """);
        KubectlAssert.Success(createHere, "service/web created");
        KubectlAssert.Failure(createThere, $"error: failed to create ClusterIP service: services is forbidden: User \"{Robot}\" " +
            "cannot create resource \"services\" in API group \"\" in the namespace \"team-b\"");
        // The admin sees, as the service account, the Service it created (its cluster IP is allocated).
        Assert.Equal((0, ""), (adminAs.ExitCode, adminAs.Stderr));
        Assert.Matches(@"^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80/TCP\s+0s$", adminAs.StdoutLines.ElementAt(1));
        KubectlAssert.Failure(robotAs, $"Error from server (Forbidden): users \"alice\" is forbidden: User \"{Robot}\" cannot impersonate resource " +
            "\"users\" in API group \"\" at the cluster scope");
        KubectlAssert.Failure(afterDelete, "error: You must be logged in to the server (Unauthorized)");
    }
}
