using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

/// <summary>The RBAC Tables: the default convertor for roles, printRoleBinding/printClusterRoleBinding for bindings.</summary>
public class RbacPrintersTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CreatedAt_Role_NameAndRfc3339Timestamp()
    {
        var role = new V1Role { Metadata = new V1ObjectMeta { Name = "r", CreationTimestamp = Now.AddDays(-2) } };
        var printer = new CreatedAtPrinter();

        Assert.Equal([("Name", "string", "name"), ("Created At", "date", "")], printer.Columns.Select(c => (c.Name, c.Type, c.Format)));
        Assert.Equal<object?>(["r", "2025-02-27T12:00:00Z"], printer.Cells(role, Now));
    }

    [Fact]
    public void ClusterRoleBinding_Subjects_WideColumnsJoinEachKind()
    {
        var binding = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "b", CreationTimestamp = Now.AddMinutes(-5) },
            RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = "view" },
            Subjects =
            [
                new Rbacv1Subject { Kind = "User", Name = "bob" },
                new Rbacv1Subject { Kind = "ServiceAccount", Name = "robot", NamespaceProperty = "a" },
                new Rbacv1Subject { Kind = "User", Name = "carol" },
                new Rbacv1Subject { Kind = "Group", Name = "devs" },
            ],
        };
        var printer = RoleBindingPrinter.ForClusterRoleBindings();

        Assert.Equal([0, 0, 0, 1, 1, 1], printer.Columns.Select(c => c.Priority));
        Assert.Equal("Users in the clusterRoleBinding", printer.Columns[3].Description);
        Assert.Equal<object?>(["b", "ClusterRole/view", "5m", "bob, carol", "devs", "a/robot"], printer.Cells(binding, Now));
    }
}
