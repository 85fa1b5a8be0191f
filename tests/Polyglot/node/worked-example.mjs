// The README's worked example from Node.js: stubs loaded from protos/ at run time, a NodePort Service and a
// TLS Ingress created over gRPC, then read back, and a validation error inspected. Prints one JSON line per step.
// Usage: node worked-example.mjs <host:port> <protos dir>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import path from 'node:path';

const [address, protos] = process.argv.slice(2);
const definition = protoLoader.loadSync(
  ['service_manager.proto', 'ingress_manager.proto'].map((f) => path.join(protos, 'kuberpc/v1', f)),
  { includeDirs: [protos], keepCase: true, enums: String, longs: String, defaults: false, oneofs: true },
);
const v1 = grpc.loadPackageDefinition(definition).kuberpc.v1;
const services = new v1.ServiceManager(address, grpc.credentials.createInsecure());
const ingresses = new v1.IngressManager(address, grpc.credentials.createInsecure());
const call = (client, method, request) =>
  new Promise((resolve, reject) => client[method](request, (error, reply) => (error ? reject(error) : resolve(reply))));
const print = (step, fields) => console.log(JSON.stringify({ step, ...fields }));

const web = await call(services, 'CreateService', {
  service: {
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      type: 'SERVICE_TYPE_NODE_PORT',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, target_port: { int_value: 8080 } }],
    },
  },
});
print('service-created', {
  type: web.spec.type, clusterIp: web.spec.cluster_ip, nodePort: web.spec.ports[0].node_port,
  protocol: web.spec.ports[0].protocol, resourceVersion: web.metadata.resource_version,
});

const ing = await call(ingresses, 'CreateIngress', {
  ingress: {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      tls: [{ hosts: ['shop.example.com'], secret_name: 'shop-tls' }],
      rules: [{
        host: 'shop.example.com',
        http: { paths: [{ path: '/', path_type: 'PATH_TYPE_PREFIX', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
      }],
    },
  },
});
print('ingress-created', { generation: ing.metadata.generation, host: ing.spec.rules[0].host, tlsSecret: ing.spec.tls[0].secret_name });

const read = await call(services, 'GetService', {
  namespace: 'default', name: 'web', read_options: { min_resource_version: web.metadata.resource_version },
});
print('service-read', { uid: read.metadata.uid === web.metadata.uid, nodePort: read.spec.ports[0].node_port });

try {
  await call(services, 'CreateService', {
    service: { metadata: { name: 'bad', namespace: 'default' }, spec: { ports: [{ port: 0 }] } },
  });
  print('invalid-accepted', {});
} catch (error) {
  print('invalid-rejected', { code: error.code, details: error.details });
}
services.close();
ingresses.close();
