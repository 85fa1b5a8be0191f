"""Watch services from a list's resourceVersion while the test changes them, then a watch that times out."""
import time

from kubernetes import client, watch

from harness import connect, emit, run


def main(url, ns):
    _, core, _ = connect(url)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    listed = core.list_namespaced_service(ns)
    emit("watching", rv=listed.metadata.resource_version, names=[s.metadata.name for s in listed.items])

    # The test makes each change only after it saw the event of the previous one, so the stream is live.
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_service, ns,
                          resource_version=listed.metadata.resource_version, timeout_seconds=60):
        obj = event["object"]
        emit("event", type=event["type"], name=obj.metadata.name, rv=obj.metadata.resource_version,
             labels=obj.metadata.labels, kind=event["raw_object"].get("kind"),
             apiVersion=event["raw_object"].get("apiVersion"))
        if event["type"] == "DELETED":
            w.stop()
    emit("watch-stopped", rv=w.resource_version)

    # Nothing changes now: the server must end the stream itself after timeoutSeconds.
    started = time.monotonic()
    quiet = list(watch.Watch().stream(core.list_namespaced_service, ns,
                                      resource_version=w.resource_version, timeout_seconds=1))
    emit("watch-timed-out", events=len(quiet), seconds=round(time.monotonic() - started, 2))


run(main)
