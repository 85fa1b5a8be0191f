"""A watch from a resourceVersion the server's history no longer holds: ApiException 410, then a fresh list works."""
from kubernetes import client, watch
from kubernetes.client.rest import ApiException

from harness import connect, emit, run


def main(url, ns):
    _, core, _ = connect(url)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    svc = core.create_namespaced_service(ns, client.V1Service(
        metadata=client.V1ObjectMeta(name="web", labels={"round": "0"}),
        spec=client.V1ServiceSpec(ports=[client.V1ServicePort(port=80)])))
    old_rv = svc.metadata.resource_version
    for i in range(1, 6):
        svc.metadata.labels["round"] = str(i)
        svc = core.replace_namespaced_service("web", ns, svc)
    emit("changed", oldRv=old_rv, rv=svc.metadata.resource_version)

    try:
        for event in watch.Watch().stream(core.list_namespaced_service, ns,
                                          resource_version=old_rv, timeout_seconds=5):
            emit("unexpected-event", type=event["type"], rv=event["object"].metadata.resource_version)
        emit("watch-ended-without-error")
    except ApiException as e:
        emit("expired", status=e.status, reason=e.reason)

    # The documented recovery: list again and watch from the list's resourceVersion.
    fresh = core.list_namespaced_service(ns)
    events = list(watch.Watch().stream(core.list_namespaced_service, ns,
                                       resource_version=fresh.metadata.resource_version, timeout_seconds=1))
    emit("relisted", rv=fresh.metadata.resource_version, names=[s.metadata.name for s in fresh.items],
         events=len(events))


run(main)
