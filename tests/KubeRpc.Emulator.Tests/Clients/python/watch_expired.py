"""How the client meets a watch answered with ERROR 410 Expired (the test injects the fault before each "go")."""
from kubernetes import client, watch
from kubernetes.client.rest import ApiException

from harness import connect, emit, run, wait_for


def watch_until_error(core, ns, **kwargs):
    try:
        for event in watch.Watch().stream(core.list_namespaced_service, ns, **kwargs):
            emit("unexpected-event", type=event["type"], name=event["object"].metadata.name)
        emit("watch-ended-without-error")
    except ApiException as e:
        emit("expired", status=e.status, reason=e.reason)


def main(url, ns):
    _, core, _ = connect(url)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    rv = core.list_namespaced_service(ns).metadata.resource_version

    # With timeout_seconds the client does not retry: the first 410 is raised.
    emit("ready", phase="no-retry", rv=rv)
    wait_for("go")
    watch_until_error(core, ns, resource_version=rv, timeout_seconds=5)

    # Without it the client retries once from its resourceVersion; a second 410 is raised.
    emit("ready", phase="retry-fails", rv=rv)
    wait_for("go")
    watch_until_error(core, ns, resource_version=rv)

    # One 410 only: the retry resumes and delivers what changed since rv.
    emit("ready", phase="retry-resumes", rv=rv)
    wait_for("go")
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_service, ns, resource_version=rv):
        emit("event", type=event["type"], name=event["object"].metadata.name,
             rv=event["object"].metadata.resource_version)
        w.stop()


run(main)
