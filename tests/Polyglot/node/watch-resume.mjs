// Watch from Node.js: snapshot, live events, disconnect, changes while away, resume from the last
// resource_version, and a reconstructed state that must equal a fresh List. Prints one JSON line per step.
// Usage: node watch-resume.mjs <host:port> <protos dir>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import path from 'node:path';

const [address, protos] = process.argv.slice(2);
const definition = protoLoader.loadSync([path.join(protos, 'kuberpc/v1/service_manager.proto')],
  { includeDirs: [protos], keepCase: true, enums: String, longs: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).kuberpc.v1;
const client = new v1.ServiceManager(address, grpc.credentials.createInsecure());
const unary = (method, request) =>
  new Promise((resolve, reject) => client[method](request, (error, reply) => (error ? reject(error) : resolve(reply))));
const print = (step, fields) => console.log(JSON.stringify({ step, ...fields }));
const service = (name) => ({
  service: { metadata: { name, namespace: 'default', labels: { polyglot: 'yes' } }, spec: { ports: [{ port: 80 }] } },
});

const state = new Map();   // name -> resource_version, rebuilt from the stream
let lastVersion = '';

// Reads events until `until(event)` is true; resolves with the stream still open.
function watch(request, until) {
  const stream = client.WatchServices(request);
  const done = new Promise((resolve, reject) => {
    stream.on('data', (event) => {
      lastVersion = event.resource_version || lastVersion;
      const name = event.service?.metadata?.name;
      if (event.type === 'EVENT_TYPE_ADDED' || event.type === 'EVENT_TYPE_MODIFIED') state.set(name, event.service.metadata.resource_version);
      if (event.type === 'EVENT_TYPE_DELETED') state.delete(name);
      if (until(event)) resolve(stream);
    });
    stream.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) reject(error); });
  });
  return done;
}

const selector = { namespace: 'default', label_selector: 'polyglot=yes' };
let stream = await watch({ ...selector }, (e) => e.initial_events_end);
print('snapshot', { objects: state.size, version: lastVersion });

const seenA = watchFor(stream, 'a');
await unary('CreateService', service('a'));
await seenA;
print('live', { names: [...state.keys()].sort() });

stream.cancel();                       // disconnect
await unary('CreateService', service('b'));
await unary('DeleteService', { namespace: 'default', name: 'a' });
print('away', { resumeFrom: lastVersion });

stream = await watch({ ...selector, resource_version: lastVersion }, (e) => e.type === 'EVENT_TYPE_DELETED' && e.service?.metadata?.name === 'a');
stream.cancel();
const list = await unary('ListServices', { ...selector });
const listed = new Map(list.services.map((s) => [s.metadata.name, s.metadata.resource_version]));
const equal = listed.size === state.size && [...listed].every(([k, v]) => state.get(k) === v);
print('converged', { equal, stream: [...state.keys()].sort(), list: [...listed.keys()].sort() });
client.close();

function watchFor(s, name) {
  return new Promise((resolve) => s.on('data', (e) => { if (e.service?.metadata?.name === name) resolve(); }));
}
