// KubeRpc from Node.js with a service account's token: create, get, list, patch, watch with resume, delete, and
// the rich details of refused calls. Prints one JSON line per step (the same steps as
// tests/Polyglot/python/authenticated_flow.py).
// Usage: KUBERPC_TOKEN=<token> node authenticated-flow.mjs <host:port> <protos dir> <Google.Api.CommonProtos protos dir>
//        <namespace> <forbidden namespace>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import path from 'node:path';

const [address, protos, commonProtos, namespace, forbiddenNamespace] = process.argv.slice(2);
const definition = protoLoader.loadSync(['kuberpc/v1/service_manager.proto'],
  { includeDirs: [protos], keepCase: true, enums: String, longs: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).kuberpc.v1;
const client = new v1.ServiceManager(address, grpc.credentials.createInsecure());

// google.rpc.Status and its details, to decode the grpc-status-details-bin trailer. google/protobuf/any.proto and
// duration.proto are bundled with protobufjs.
const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (_, target) => path.join(commonProtos, target);
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
const Status = rpcTypes.lookupType('google.rpc.Status');

// A plain per-call header: grpc-js combines call credentials only with TLS channel credentials, and KubeRpc here is h2c.
const auth = new grpc.Metadata();
auth.set('authorization', `Bearer ${process.env.KUBERPC_TOKEN}`);
const deadline = () => ({ deadline: Date.now() + 30_000 }); // a hung call fails the run instead of stalling it
const labels = { app: 'shop' };

const emit = (step, fields) => console.log(JSON.stringify({ step, ...fields }));
const unary = (method, request, metadata = auth) => new Promise((resolve, reject) =>
  client[method](request, metadata, deadline(), (error, reply) => (error ? reject(error) : resolve(reply))));
const service = (name, port) => ({
  service: { metadata: { name, namespace, labels }, spec: { selector: labels, ports: [{ name: 'http', port }] } },
});

// ErrorInfo and BadRequest out of the google.rpc.Status trailer, by type URL.
function details(error) {
  const found = { code: grpc.status[error.code], message: error.details };
  const [raw] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!raw) return found;
  for (const any of Status.decode(raw).details) {
    const type = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    const detail = rpcTypes.lookupType(type).decode(any.value);
    if (type === 'google.rpc.ErrorInfo') Object.assign(found, { reason: detail.reason, domain: detail.domain, metadata: detail.metadata });
    if (type === 'google.rpc.BadRequest') {
      found.violations = detail.field_violations.map((v) => ({ field: v.field, description: v.description }));
    }
  }
  return found;
}

async function refused(call) {
  try {
    await call();
  } catch (error) {
    return details(error);
  }
  throw new Error('the call was not refused');
}

// A watch whose events are awaited one at a time; cancel() disconnects it.
function watch(request) {
  const stream = client.WatchServices(request, auth, deadline());
  const queue = [];
  let failure;
  let wake = () => {};
  stream.on('data', (event) => { queue.push(event); wake(); });
  stream.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) { failure = error; wake(); } });
  return {
    async next() {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise((resolve) => { wake = resolve; });
      }
      return queue.shift();
    },
    cancel: () => stream.cancel(),
  };
}

emit('unauthenticated', await refused(() => unary('GetService', { namespace, name: 'web' }, new grpc.Metadata())));

const web = await unary('CreateService', service('web', 80));
emit('created', { name: web.metadata.name, uid: web.metadata.uid, clusterIp: web.spec.cluster_ip,
  resourceVersion: web.metadata.resource_version });

const read = await unary('GetService', { namespace, name: 'web', read_options: { min_resource_version: web.metadata.resource_version } });
emit('read', { name: read.metadata.name, sameUid: read.metadata.uid === web.metadata.uid, port: read.spec.ports[0].port });

const listed = await unary('ListServices', { namespace, label_selector: 'app=shop' });
emit('listed', { names: listed.services.map((s) => s.metadata.name), resourceVersion: listed.resource_version });

// Watch until the snapshot ends, then disconnect and remember where the stream was.
let stream = watch({ namespace, label_selector: 'app=shop' });
const snapshot = [];
let lastVersion = '';
for (;;) {
  const event = await stream.next();
  lastVersion = event.resource_version || lastVersion;
  if (event.type === 'EVENT_TYPE_ADDED') snapshot.push(event.service.metadata.name);
  if (event.initial_events_end) break;
}
stream.cancel();
emit('watch-snapshot', { names: snapshot, resumeFrom: lastVersion });

// Changes while no stream is open.
const patched = await unary('PatchService', {
  namespace, name: 'web', patch_type: 'PATCH_TYPE_MERGE_PATCH', patch: JSON.stringify({ metadata: { labels: { tier: 'front' } } }),
});
await unary('CreateService', service('web-2', 81));
emit('patched', { labels: patched.metadata.labels, resourceVersion: patched.metadata.resource_version });

// Resume from the last version seen: the changes made meanwhile arrive, then live ones (the deletes below).
stream = watch({ namespace, label_selector: 'app=shop', resource_version: lastVersion });
const resumed = [];
while (resumed.length < 4) {
  const event = await stream.next();
  if (event.type === 'EVENT_TYPE_BOOKMARK') continue;
  resumed.push([event.type, event.service.metadata.name, event.service.metadata.labels.tier ?? '']);
  if (resumed.length === 2) {
    // Deletes with a precondition on the uid (a proto3 `optional` field) while the stream is open.
    await unary('DeleteService', { namespace, name: 'web', preconditions: { uid: web.metadata.uid } });
    await unary('DeleteService', { namespace, name: 'web-2' });
  }
}
stream.cancel();
emit('watch-resumed', { events: resumed });

const gone = await refused(() => unary('GetService', { namespace, name: 'web', read_options: { consistency: 'CONSISTENCY_STRONG' } }));
emit('deleted', { afterwards: gone.code });

emit('invalid', await refused(() => unary('CreateService', service('bad', 0))));
emit('forbidden', await refused(() => unary('ListServices', { namespace: forbiddenNamespace })));
client.close();
