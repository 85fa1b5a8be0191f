using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>One KubeRpc.Audit line per write and per refused call, with who, what and how it ended; never a token or a body.</summary>
public sealed class AuditTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private KubeRpcHost _host = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" },
            services => services.AddLogging(l => l.AddProvider(_logs))).DefaultTimeout();
        var access = new ClusterAccess(_host.Kubernetes);
        _token = await access.ServiceAccountTokenAsync("auditee");
        await access.GrantAsync("auditee", "team-a", ["create", "get"], ["services"]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Write_OneLineWithUserGroupsVerbObjectCodeDurationAndTrace()
    {
        await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Secretive("web") }, Bearer(_token)).ResponseAsync.DefaultTimeout();

        var line = Assert.Single(Audit(), l => l.Contains("rpc=/kuberpc.v1.ServiceManager/CreateService", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00 user=system:serviceaccount:default:auditee " +
            @"groups=system:serviceaccounts,system:serviceaccounts:default,system:authenticated rpc=/kuberpc\.v1\.ServiceManager/CreateService " +
            @"verb=create resource=services namespace=team-a name=- code=OK duration_ms=[\d.]+ trace_id=\S+$", line);
    }

    [Fact]
    public async Task Write_HostingLogOffAsShipped_StillHasATraceId()
    {
        // appsettings.json turns the hosting log off, so ASP.NET Core makes no request Activity; the write makes its own.
        using var logs = new CapturedLogs();
        await using var host = await KubeRpcHost.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None" },
            services => services.AddLogging(l => l.AddProvider(logs))).DefaultTimeout();

        var service = Secretive("web");
        service.Metadata.Namespace = "default";
        await host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync.DefaultTimeout();

        var line = Assert.Single(logs.AtOrAbove(LogLevel.Information), l => l.Category == "KubeRpc.Audit").Message;
        Assert.Matches(@" trace_id=[0-9a-f]{32}$", line);
    }

    [Fact]
    public async Task Denied_OneLineWithPermissionDenied_AndReadsAreNotAudited()
    {
        await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.DeleteServiceAsync(
            new DeleteServiceRequest { Namespace = "team-a", Name = "web" }, Bearer(_token)).ResponseAsync.DefaultTimeout());
        await RpcErrors.FailsWith(StatusCode.NotFound, () => _host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-a", Name = "absent" }, Bearer(_token)).ResponseAsync.DefaultTimeout());

        var line = Assert.Single(Audit());
        Assert.Contains("verb=delete resource=services namespace=team-a name=web code=PermissionDenied", line);
    }

    [Fact]
    public async Task Unauthenticated_OneLineWithoutUser_AndNoTokenAnywhereInTheLog()
    {
        await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => _host.Services.CreateServiceAsync(
            new CreateServiceRequest { Service = Secretive("web") }, Bearer(_token + "x")).ResponseAsync.DefaultTimeout());
        await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Secretive("web") }, Bearer(_token)).ResponseAsync.DefaultTimeout();

        var lines = Audit().ToList();
        Assert.Contains(lines, l => l.Contains(" user=- groups=- ", StringComparison.Ordinal) && l.Contains("code=Unauthenticated", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.AtOrAbove(LogLevel.Trace), l => l.Message.Contains(_token[..40], StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.AtOrAbove(LogLevel.Trace), l => l.Message.Contains("s3cr3t-annotation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileName_EscapedSoItCannotForgeALine()
    {
        await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => _host.Services.DeleteServiceAsync(
            new DeleteServiceRequest { Namespace = "team-b", Name = "x\n2026-01-01T00:00:00+00:00 user=admin" }, Bearer(_token)).ResponseAsync.DefaultTimeout());

        var line = Assert.Single(Audit());
        Assert.DoesNotContain('\n', line);
        Assert.Contains(@"name=x\u000a2026-01-01T00:00:00+00:00\u0020user\u003dadmin code=PermissionDenied", line);
    }

    [Fact]
    public async Task AuthModeNone_WritesAreAuditedWithoutAUser_ReadsAreNot()
    {
        using var logs = new CapturedLogs();
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "None" },
            services => services.AddLogging(l => l.AddProvider(logs))).DefaultTimeout();
        await new ClusterAccess(host.Kubernetes).EnsureNamespaceAsync("team-a");

        var created = await host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Secretive("web") }).ResponseAsync.DefaultTimeout();
        await host.Services.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "team-a",
            Name = "web",
            ReadOptions = new ReadOptions { MinResourceVersion = created.Metadata.ResourceVersion },
        }).ResponseAsync.DefaultTimeout();

        var line = Assert.Single(logs.AtOrAbove(LogLevel.Information), l => l.Category == "KubeRpc.Audit").Message;
        Assert.Contains(" user=- groups=- rpc=/kuberpc.v1.ServiceManager/CreateService verb=create resource=services namespace=team-a", line);
    }

    private IEnumerable<string> Audit() =>
        _logs.AtOrAbove(LogLevel.Information).Where(l => l.Category == "KubeRpc.Audit").Select(l => l.Message);

    private static Service Secretive(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "team-a", Annotations = { ["note"] = "s3cr3t-annotation" } },
        Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
    };
}
