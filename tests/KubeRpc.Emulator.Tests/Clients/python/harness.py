"""Shared plumbing for the scenario scripts the xunit tests run against the emulator.

Each script prints one JSON object per line on stdout ({"step": ..., ...}) and reads commands from stdin
when the test has to act (inject a fault, make a change) before the script goes on. An unexpected
exception prints {"step": "error", ...} and exits 1, so the test fails with the client's own words.
"""
import json
import sys
import traceback

from kubernetes import client


def emit(step, **fields):
    """Prints one machine-readable line and flushes it, so the test sees it at once."""
    print(json.dumps({"step": step, **fields}, default=str), flush=True)


def wait_for(command):
    """Blocks until the test writes `command` on stdin."""
    line = sys.stdin.readline()
    if line.strip() != command:
        raise RuntimeError(f"expected {command!r} on stdin, got {line!r}")


def connect(url):
    """A CoreV1Api and NetworkingV1Api on plain HTTP, no credentials, as against a local API server."""
    configuration = client.Configuration()
    configuration.host = url
    api_client = client.ApiClient(configuration)
    return api_client, client.CoreV1Api(api_client), client.NetworkingV1Api(api_client)


def api_error(e):
    """What the client exposes of a failed call: HTTP status, reason phrase and the decoded Status body."""
    body = None
    if e.body:
        try:
            body = json.loads(e.body)
        except ValueError:
            body = e.body
    return {"status": e.status, "reason": e.reason, "body": body}


def plain(api_client, model):
    """A model as the JSON dict the server sent (camelCase keys)."""
    return api_client.sanitize_for_serialization(model)


def with_token(url, token):
    """A client that sends Authorization: Bearer <token>."""
    configuration = client.Configuration()
    configuration.host = url
    configuration.api_key = {"authorization": token}
    configuration.api_key_prefix = {"authorization": "Bearer"}
    return client.ApiClient(configuration)


def run(main):
    """Runs `main(url, namespace)` from argv; reports a crash as an error step."""
    try:
        main(sys.argv[1], sys.argv[2])
        emit("done")
    except Exception as e:  # noqa: BLE001 - everything unexpected must reach the test
        emit("error", type=type(e).__name__, message=str(e), traceback=traceback.format_exc())
        sys.exit(1)
