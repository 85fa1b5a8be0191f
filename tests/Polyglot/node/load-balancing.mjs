// Client-side load balancing through KubeRpc: a round_robin channel to a kuberpc:/// target (kuberpc-resolver.mjs)
// calls grpc.health.v1.Health/Check on the Service's backends. Driven from stdin so a test can change the cluster
// between rounds; prints one JSON line per step:
//   {"step":"resolved","addresses":[...],"event":"SERVICE_ENDPOINTS_EVENT_TYPE_…"}  each time the resolver hands grpc-js
//     a new list, and the type of the event that brought it
//   {"step":"called","peers":{...},"errors":[...]}  after the stdin line `call <n>`: n calls one after another, by backend
//   {"step":"watch-broken","code":14,"details":"..."}  each time the resolver's watch on KubeRpc ends (it resumes)
// Ends (closing the channel, hence the watch) when stdin ends.
// Usage: node load-balancing.mjs <KubeRpc host:port> <target, e.g. kuberpc:///web.shop:grpc>
import grpc from '@grpc/grpc-js';
import readline from 'node:readline';
import { registerKubeRpcResolver } from './kuberpc-resolver.mjs';

const [address, target] = process.argv.slice(2);
const print = (step, fields) => console.log(JSON.stringify({ step, ...fields }));

registerKubeRpcResolver({
  address,
  onUpdate: ({ addresses, event }) => print('resolved', { addresses, event }),
  onError: ({ code, details }) => print('watch-broken', { code, details }),
});
const client = new grpc.Client(target, grpc.credentials.createInsecure(),
  { 'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }) });
client.getChannel().getConnectivityState(true); // a channel resolves on its first call; this one starts now, to report

// An empty HealthCheckRequest is zero bytes, so no stubs are needed; the peer says which backend answered.
const check = () => new Promise((resolve) => {
  const call = client.makeUnaryRequest('/grpc.health.v1.Health/Check', (bytes) => bytes, (bytes) => bytes, Buffer.alloc(0),
    { deadline: Date.now() + 10_000 }, (error) => resolve({ peer: call.getPeer(), error: error?.message }));
});

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, count] = line.trim().split(/\s+/);
  if (command === 'call') {
    const peers = {};
    const errors = [];
    for (let i = 0; i < Number(count); i++) {
      const { peer, error } = await check();
      if (error) {
        errors.push(error);
      } else {
        peers[peer] = (peers[peer] ?? 0) + 1;
      }
    }
    print('called', { peers, errors });
  }
}
client.close();
