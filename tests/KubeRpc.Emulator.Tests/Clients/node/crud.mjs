// Create, get, list, replace (with a stale resourceVersion), delete: CoreV1Api and NetworkingV1Api.
import { apiError, connect, emit, run } from './harness.mjs';

const service = (name, labels) => ({
    metadata: { name, labels },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
});

const ingress = (name, backend) => ({
    metadata: { name },
    spec: {
        rules: [{
            host: 'web.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] },
        }],
    },
});

async function main(url, namespace) {
    const { core, net } = connect(url);

    const ns = await core.createNamespace({ body: { metadata: { name: namespace } } });
    emit('namespace-created', { name: ns.metadata.name, phase: ns.status?.phase, rv: ns.metadata.resourceVersion });

    for (const [name, tier] of [['web', 'frontend'], ['db', 'backend']]) {
        const svc = await core.createNamespacedService({ namespace, body: service(name, { app: name, tier }) });
        emit('service-created', {
            name: svc.metadata.name, rv: svc.metadata.resourceVersion, uid: svc.metadata.uid,
            clusterIP: svc.spec.clusterIP, type: svc.spec.type, object: svc,
        });
    }

    const ing = await net.createNamespacedIngress({ namespace, body: ingress('web', 'web') });
    emit('ingress-created', { name: ing.metadata.name, rv: ing.metadata.resourceVersion, object: ing });

    const got = await core.readNamespacedService({ name: 'web', namespace });
    emit('service-read', {
        name: got.metadata.name, rv: got.metadata.resourceVersion, uid: got.metadata.uid,
        selector: got.spec.selector, ports: got.spec.ports,
    });

    const frontend = await core.listNamespacedService({ namespace, labelSelector: 'tier=frontend' });
    emit('service-listed', { selector: 'tier=frontend', rv: frontend.metadata.resourceVersion, names: frontend.items.map((s) => s.metadata.name) });
    const ingresses = await net.listNamespacedIngress({ namespace });
    emit('ingress-listed', { rv: ingresses.metadata.resourceVersion, names: ingresses.items.map((i) => i.metadata.name) });

    got.metadata.labels.tier = 'edge';
    const replaced = await core.replaceNamespacedService({ name: 'web', namespace, body: got });
    emit('service-replaced', { rv: replaced.metadata.resourceVersion, labels: replaced.metadata.labels });

    // `got` still carries the resourceVersion the replace above superseded.
    got.metadata.labels.tier = 'stale';
    try {
        await core.replaceNamespacedService({ name: 'web', namespace, body: got });
        emit('stale-replace-accepted');
    } catch (e) {
        emit('stale-replace-rejected', { staleRv: got.metadata.resourceVersion, ...apiError(e) });
    }

    await net.deleteNamespacedIngress({ name: 'web', namespace });
    const deleted = await core.deleteNamespacedService({ name: 'web', namespace });
    emit('service-deleted', { kind: deleted.kind, name: deleted.metadata?.name });
    try {
        await core.readNamespacedService({ name: 'web', namespace });
        emit('deleted-service-found');
    } catch (e) {
        emit('service-not-found', apiError(e));
    }
    const left = await core.listNamespacedService({ namespace });
    emit('service-listed', { selector: '', rv: left.metadata.resourceVersion, names: left.items.map((s) => s.metadata.name) });
}

await run(main);
