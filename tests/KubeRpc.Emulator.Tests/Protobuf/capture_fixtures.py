#!/usr/bin/env python3
"""Captures the protobuf request bodies that the real kubectl POSTs, as test fixtures.

Not run by the tests. Run it by hand when the fixtures need refreshing:

    python3 tests/KubeRpc.Emulator.Tests/Protobuf/capture_fixtures.py [name ...]

Naming fixtures captures only those (the tls secret's key pair is new on every run, so refreshing everything
rewrites files whose content did not otherwise change).

It starts a tiny fake API server on 127.0.0.1 (answering /version with minor "32", so the
gcloud kubectl dispatcher picks kubectl 1.32, plus minimal legacy discovery), runs each
generator command against it with a throw-away HOME and kubeconfig, and writes every POST
body verbatim to Fixtures/<name>.bin, and what the same command prints with
--dry-run=client -o json to Fixtures/<name>.json (the JSON the decoder must produce).
Each POST is answered 201 with a JSON echo built from the URL, which is all kubectl needs
to print its "created" line.
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "Fixtures")

VERSION = {
    "major": "1", "minor": "32", "gitVersion": "v1.32.4", "gitCommit": "capture",
    "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.23.6",
    "compiler": "gc", "platform": "linux/amd64",
}


def resource(name, kind, namespaced, short=None, verbs=None):
    entry = {"name": name, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind,
             "verbs": verbs or ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]}
    if short:
        entry["shortNames"] = short
    return entry


def discovery(port):
    return {
        "/api": {"kind": "APIVersions", "versions": ["v1"],
                 "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": f"127.0.0.1:{port}"}]},
        "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": [group("networking.k8s.io"), group("apps"), group("policy")]},
        "/api/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
            resource("namespaces", "Namespace", False, ["ns"]),
            resource("services", "Service", True, ["svc"]),
            resource("secrets", "Secret", True),
            resource("configmaps", "ConfigMap", True, ["cm"])]},
        "/apis/networking.k8s.io/v1": {"kind": "APIResourceList", "apiVersion": "v1",
                                       "groupVersion": "networking.k8s.io/v1", "resources": [
            resource("ingresses", "Ingress", True, ["ing"])]},
        "/apis/apps/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1", "resources": [
            resource("deployments", "Deployment", True, ["deploy"])]},
        "/apis/policy/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "policy/v1", "resources": [
            resource("poddisruptionbudgets", "PodDisruptionBudget", True, ["pdb"])]},
    }


def group(name):
    version = {"groupVersion": f"{name}/v1", "version": "v1"}
    return {"name": name, "versions": [version], "preferredVersion": version}


class Capture(BaseHTTPRequestHandler):
    bodies = []  # (path, content type, bytes), in arrival order

    def log_message(self, fmt, *args):  # keep the output to what the script prints
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0].rstrip("/") or "/"
        if path == "/version":
            return self.reply(200, VERSION)
        docs = discovery(self.server.server_address[1])
        if path in docs:
            return self.reply(200, docs[path])
        return self.reply(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                "reason": "NotFound", "code": 404, "message": "not found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Capture.bodies.append((self.path, self.headers.get("Content-Type"), body))
        parts = self.path.split("?")[0].strip("/").split("/")
        kind = {"namespaces": "Namespace", "services": "Service", "secrets": "Secret", "ingresses": "Ingress",
                "configmaps": "ConfigMap", "deployments": "Deployment",
                "poddisruptionbudgets": "PodDisruptionBudget"}.get(parts[-1], "Unknown")
        api_version = parts[1] + "/" + parts[2] if parts[0] == "apis" else "v1"
        meta = {"name": "captured", "uid": "00000000-0000-0000-0000-000000000001",
                "resourceVersion": "1", "creationTimestamp": "2025-01-01T00:00:00Z"}
        if "namespaces" in parts[:-1]:
            meta["namespace"] = parts[parts.index("namespaces") + 1]
        self.reply(201, {"kind": kind, "apiVersion": api_version, "metadata": meta})


def with_flags(args, *flags):
    """Adds kubectl flags before a "--", after which everything is the container's command."""
    end = args.index("--") if "--" in args else len(args)
    return [*args[:end], *flags, *args[end:]]


def make_tls_pair(workdir):
    key, cert = os.path.join(workdir, "tls.key"), os.path.join(workdir, "tls.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                    "-subj", "/CN=foo.com", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as home:
        kubeconfig = os.path.join(home, "kubeconfig")
        with open(kubeconfig, "w") as f:
            f.write(f"""apiVersion: v1
kind: Config
clusters: [{{name: c, cluster: {{server: "http://127.0.0.1:{port}"}}}}]
users: [{{name: u, user: {{}}}}]
contexts: [{{name: x, context: {{cluster: c, user: u, namespace: default}}}}]
current-context: x
""")
        cert, key = make_tls_pair(home)
        blob = os.path.join(home, "blob.bin")
        with open(blob, "wb") as f:
            f.write(bytes([0xff, 0xfe, 0x00, 0x01]))
        env = dict(os.environ, HOME=home, KUBECONFIG=kubeconfig)
        commands = {
            "namespace": ["create", "namespace", "x"],
            "service-clusterip": ["create", "service", "clusterip", "web", "--tcp=80:8080"],
            "service-nodeport": ["create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"],
            "service-loadbalancer": ["create", "service", "loadbalancer", "lb", "--tcp=443:https"],
            "service-externalname": ["create", "service", "externalname", "ext", "--external-name=example.com"],
            "ingress": ["create", "ingress", "ing", "--class=nginx", "--rule=foo.com/bar*=svc1:8080,tls=my-cert"],
            "secret-generic": ["create", "secret", "generic", "s", "--from-literal=a=b"],
            "secret-tls": ["create", "secret", "tls", "t", f"--cert={cert}", f"--key={key}"],
            "configmap": ["create", "configmap", "app", "--from-literal=mode=fast", "--from-literal=level=2", f"--from-file={blob}"],
            "deployment": ["create", "deployment", "web", "--image=nginx:1.27", "--port=80", "--replicas=3"],
            "deployment-command": ["create", "deployment", "sleeper", "--image=busybox", "--", "sleep", "3600"],
            "pdb-min-available": ["create", "poddisruptionbudget", "web", "--selector=app=web", "--min-available=2"],
            "pdb-max-unavailable": ["create", "pdb", "api", "--selector=app in (api,web)", "--max-unavailable=25%"],
        }
        wanted = sys.argv[1:] or list(commands)
        os.makedirs(FIXTURES, exist_ok=True)
        for name, args in commands.items():
            if name not in wanted:
                continue
            before = len(Capture.bodies)
            run = subprocess.run(["kubectl", *with_flags(args, "--validate=false")], env=env, capture_output=True, text=True)
            print(f"{name}: rc={run.returncode} {run.stdout.strip()} {run.stderr.strip()}")
            posts = Capture.bodies[before:]
            if run.returncode != 0 or len(posts) != 1:
                sys.exit(f"{name}: expected one POST, saw {len(posts)}")
            path, content_type, body = posts[0]
            print(f"  POST {path} Content-Type: {content_type} ({len(body)} bytes)")
            with open(os.path.join(FIXTURES, f"{name}.bin"), "wb") as f:
                f.write(body)
            # What kubectl prints for the same object with --dry-run=client -o json is the JSON it would
            # have sent before client-go 1.32: the decoder's output must equal it.
            dry = subprocess.run(["kubectl", *with_flags(args, "--dry-run=client", "-o", "json")], env=env,
                                 capture_output=True, text=True, check=True)
            with open(os.path.join(FIXTURES, f"{name}.json"), "w") as f:
                f.write(dry.stdout)
        # The tls secret embeds a fresh key pair: keep the PEM files so tests can compare against them.
        for src, dest in ((cert, "secret-tls.crt"), (key, "secret-tls.key")) if "secret-tls" in wanted else ():
            with open(src, "rb") as f, open(os.path.join(FIXTURES, dest), "wb") as out:
                out.write(f.read())
    server.shutdown()


if __name__ == "__main__":
    main()
