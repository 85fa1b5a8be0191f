// A @grpc/grpc-js name resolver for kuberpc:///<service>.<namespace>[:<port name or number>]: it watches the Service's
// endpoints through KubeRpc's WatchServiceEndpoints and hands grpc-js the ready ones (else the serving, not terminating
// ones), so a channel with round_robin balances over the Service's Pods itself, without kube-proxy.
//
//   import { registerKubeRpcResolver } from './kuberpc-resolver.mjs';
//   registerKubeRpcResolver({ address: '127.0.0.1:50051' });
//   new grpc.Client('kuberpc:///web.shop:grpc', credentials, { 'grpc.service_config': '{"loadBalancingConfig":[{"round_robin":{}}]}' });
//
// KubeRpc's address: the target's authority (kuberpc://127.0.0.1:50051/web.shop:grpc), else `address`, else the
// environment's KUBERPC_ADDRESS. A token (`token`, else KUBERPC_TOKEN) is sent as `authorization: Bearer` (KubeRpc with
// Auth:Mode=Kubernetes); the stream to KubeRpc is h2c.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { registerResolver, statusOrFromValue, statusOrFromError } = grpc.experimental;

// Reconnect delays to KubeRpc: doubled per failure up to the maximum, back to the minimum once an event arrives.
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;
const DEFAULT_PROTOS = fileURLToPath(new URL('../../../protos', import.meta.url));

const stubs = new Map(); // protos dir -> kuberpc.v1 package, loaded once

function kuberpcV1(protos) {
  if (!stubs.has(protos)) {
    const definition = protoLoader.loadSync([path.join(protos, 'kuberpc/v1/service_manager.proto')],
      { includeDirs: [protos], keepCase: true, enums: String, longs: String, defaults: true, oneofs: true });
    stubs.set(protos, grpc.loadPackageDefinition(definition).kuberpc.v1);
  }
  return stubs.get(protos);
}

/** The Service of a target path: `web.shop:grpc` is Service web in namespace shop, the port named grpc. */
export function parseTarget(targetPath) {
  // Service names and namespaces are DNS labels (no dots), so the first dot splits them.
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?::([-a-z0-9]+))?$/.exec(targetPath);
  if (!match) {
    throw new Error(`kuberpc target "${targetPath}" is not <service>.<namespace>[:<port name or number>]`);
  }
  return { name: match[1], namespace: match[3], port: match[5] ?? '' };
}

/**
 * The addresses to balance over, from a ServiceEndpoints message: each endpoint's first address with its port of
 * the Service port `port` (a name, a number, or '' for the only port); the ready endpoints, or when none is ready
 * the serving and not terminating ones (as kube-proxy falls back).
 */
export function pickAddresses(set, port) {
  const servicePort = /^\d+$/.test(port) ? set.ports.find((p) => p.port === Number(port))
    : port === '' && set.ports.length === 1 ? set.ports[0] : undefined;
  const portName = servicePort ? servicePort.name : port;
  const withPort = set.endpoints.flatMap((endpoint) => {
    const endpointPort = endpoint.ports.find((p) => p.name === portName);
    return endpointPort && endpoint.addresses.length > 0 ? [{ endpoint, host: endpoint.addresses[0], port: endpointPort.port }] : [];
  });
  const ready = withPort.filter((a) => a.endpoint.ready);
  const chosen = ready.length > 0 ? ready : withPort.filter((a) => a.endpoint.serving && !a.endpoint.terminating);
  return chosen.map(({ host, port: number }) => ({ host, port: number }));
}

/**
 * Registers the `kuberpc` scheme with grpc-js. Settings: `address` (KubeRpc's host:port), `token`, `protos` (the
 * protos/ folder of this repository by default), `onUpdate({ target, addresses, event, resourceVersion })`, called each
 * time grpc-js is handed a new address list, and `onError({ target, code, details })`, each time the watch breaks.
 */
export function registerKubeRpcResolver(settings = {}) {
  registerResolver('kuberpc', class KubeRpcResolver {
    static getDefaultAuthority(target) {
      const { name, namespace } = parseTarget(target.path);
      return `${name}.${namespace}`; // a valid :authority for the backends (a port name is not)
    }

    constructor(target, listener) {
      this.service = parseTarget(target.path);
      this.target = `kuberpc:///${target.path}`;
      this.address = target.authority || settings.address || process.env.KUBERPC_ADDRESS;
      if (!this.address) {
        throw new Error('kuberpc: no KubeRpc address (target authority, registerKubeRpcResolver({ address }) or KUBERPC_ADDRESS)');
      }
      this.token = settings.token ?? process.env.KUBERPC_TOKEN;
      this.listener = listener;
      this.client = null;
      this.stream = null;
      this.retry = null;
      this.delay = RETRY_MIN_MS;
      this.version = ''; // of the last event received: where a broken stream resumes
      this.handed = null; // the address list grpc-js has, as JSON
    }

    // grpc-js asks again when a backend fails; the watch already brings every change, so only a stopped one starts.
    updateResolution() {
      if (this.stream === null && this.retry === null) {
        this.watch();
      }
    }

    destroy() {
      clearTimeout(this.retry);
      this.retry = null;
      const stream = this.stream;
      this.stream = null;
      stream?.cancel();
      this.client?.close();
      this.client = null;
      // The next updateResolution serves a new load balancer: it needs the whole set (INITIAL), not what changed.
      this.version = '';
      this.handed = null;
      this.delay = RETRY_MIN_MS;
    }

    watch() {
      this.client ??= new (kuberpcV1(settings.protos ?? DEFAULT_PROTOS).ServiceManager)(this.address, grpc.credentials.createInsecure());
      const metadata = new grpc.Metadata();
      if (this.token) {
        metadata.set('authorization', `Bearer ${this.token}`);
      }
      const { name, namespace } = this.service;
      const stream = this.client.WatchServiceEndpoints(
        { namespace, name, resource_version: this.version, allow_bookmarks: true }, metadata);
      this.stream = stream;
      stream.on('data', (event) => {
        if (this.stream !== stream) {
          return;
        }
        this.delay = RETRY_MIN_MS;
        this.version = event.resource_version || this.version;
        if (event.type !== 'SERVICE_ENDPOINTS_EVENT_TYPE_BOOKMARK' && event.endpoints) {
          this.hand(event);
        }
      });
      stream.on('error', () => {}); // the outcome is handled once, on 'status'
      stream.on('status', (status) => this.broken(stream, status));
    }

    hand(event) {
      const set = event.endpoints;
      const addresses = pickAddresses(set, this.service.port);
      const json = JSON.stringify(addresses);
      if (json === this.handed) {
        return; // e.g. the first event after a resume: round_robin would rebuild its list for nothing
      }
      this.handed = json;
      const { name, namespace, port } = this.service;
      const note = addresses.length > 0 ? ''
        : set.exists ? `Service ${namespace}/${name} has no ready endpoint with port "${port}"`
          : `Service ${namespace}/${name} does not exist`;
      this.listener(statusOrFromValue(addresses.map((a) => ({ addresses: [a] }))), {}, null, note);
      settings.onUpdate?.({
        target: this.target, addresses: addresses.map((a) => `${a.host}:${a.port}`), event: event.type, resourceVersion: this.version,
      });
    }

    // The stream ended (KubeRpc restarted, moved, refused): resume from the last version after a delay.
    broken(stream, status) {
      if (this.stream !== stream) {
        return; // cancelled by destroy
      }
      this.stream = null;
      settings.onError?.({ target: this.target, code: status.code, details: status.details });
      if (status.code === grpc.status.OUT_OF_RANGE || status.code === grpc.status.INVALID_ARGUMENT) {
        this.version = ''; // the version is of no use to KubeRpc: start over with the whole set
      }
      if (this.handed === null) {
        // Nothing resolved yet: calls fail with this instead of waiting. Once resolved, grpc-js keeps the last list.
        const { name, namespace } = this.service;
        this.listener(statusOrFromError({
          code: grpc.status.UNAVAILABLE,
          details: `kuberpc: watching the endpoints of ${namespace}/${name} at ${this.address}: ${status.details}`,
        }), {}, null, '');
      }
      const jittered = this.delay * (0.8 + 0.4 * Math.random());
      this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
      this.retry = setTimeout(() => {
        this.retry = null;
        this.watch();
      }, jittered);
    }
  });
}
