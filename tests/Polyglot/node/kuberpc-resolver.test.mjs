// Unit cases of kuberpc-resolver.mjs that need no server: targets, and which endpoints a ServiceEndpoints set yields.
// Usage: node --test kuberpc-resolver.test.mjs
import assert from 'node:assert/strict';
import test from 'node:test';
import { parseTarget, pickAddresses } from './kuberpc-resolver.mjs';

const endpoint = (ip, { ready = true, serving = ready, terminating = false, ports = [{ name: 'grpc', port: 8080 }] } = {}) =>
  ({ addresses: [ip, 'ignored'], ready, serving, terminating, ports });
const set = (endpoints, ports = [{ name: 'grpc', port: 80 }, { name: 'http', port: 81 }]) => ({ exists: true, ports, endpoints });
const hosts = (addresses) => addresses.map((a) => `${a.host}:${a.port}`);

test('a target names the Service, its namespace and optionally a port', () => {
  assert.deepEqual(parseTarget('web.shop:grpc'), { name: 'web', namespace: 'shop', port: 'grpc' });
  assert.deepEqual(parseTarget('web.shop:80'), { name: 'web', namespace: 'shop', port: '80' });
  assert.deepEqual(parseTarget('web.shop'), { name: 'web', namespace: 'shop', port: '' });
  for (const bad of ['web', 'web.shop.svc', 'Web.shop', 'web.shop:', '.shop']) {
    assert.throws(() => parseTarget(bad), /is not <service>\.<namespace>/, bad);
  }
});

test('the ready endpoints, each by its first address and its port of that name', () => {
  const endpoints = [
    endpoint('10.0.0.1', { ports: [{ name: 'grpc', port: 9000 }, { name: 'http', port: 9001 }] }),
    endpoint('10.0.0.2', { ready: false }),
    endpoint('10.0.0.3'),
    endpoint('10.0.0.4', { ports: [{ name: 'http', port: 9001 }] }), // lacks the port: left out
  ];
  assert.deepEqual(hosts(pickAddresses(set(endpoints), 'grpc')), ['10.0.0.1:9000', '10.0.0.3:8080']);
  assert.deepEqual(hosts(pickAddresses(set(endpoints), '80')), ['10.0.0.1:9000', '10.0.0.3:8080']); // by the Service's port number
  assert.deepEqual(hosts(pickAddresses(set(endpoints), 'http')), ['10.0.0.1:9001', '10.0.0.4:9001']);
  assert.deepEqual(pickAddresses(set(endpoints), '82'), []);
});

test('no port in the target: the Service\'s only port, whatever its name', () => {
  assert.deepEqual(hosts(pickAddresses(set([endpoint('10.0.0.1')], [{ name: 'grpc', port: 80 }]), '')), ['10.0.0.1:8080']);
  const unnamed = [endpoint('10.0.0.1', { ports: [{ name: '', port: 8080 }] })];
  assert.deepEqual(hosts(pickAddresses(set(unnamed, [{ name: '', port: 80 }]), '')), ['10.0.0.1:8080']);
});

test('none ready: the serving, not terminating ones; a ready one wins over them', () => {
  const notReady = [
    endpoint('10.0.0.1', { ready: false, serving: false }),
    endpoint('10.0.0.2', { ready: false, serving: true }),
    endpoint('10.0.0.3', { ready: false, serving: true, terminating: true }),
  ];
  assert.deepEqual(hosts(pickAddresses(set(notReady), 'grpc')), ['10.0.0.2:8080']);
  assert.deepEqual(hosts(pickAddresses(set([...notReady, endpoint('10.0.0.4')]), 'grpc')), ['10.0.0.4:8080']);
  assert.deepEqual(pickAddresses(set([notReady[0], notReady[2]]), 'grpc'), []);
});
