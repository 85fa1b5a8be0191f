// PATCH through the JavaScript client: JSON patch (its default), merge patch and strategic merge patch.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { apiError, connect, emit, run } from './harness.mjs';

async function main(url, namespace) {
    const { core } = connect(url);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedService({
        namespace,
        body: { metadata: { name: 'web', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } },
    });

    const attempts = [
        ['json', [{ op: 'add', path: '/metadata/labels/patched', value: 'json' }], PatchStrategy.JsonPatch],
        ['merge', { metadata: { labels: { patched: 'merge' } } }, PatchStrategy.MergePatch],
        ['strategic', { metadata: { labels: { patched: 'strategic' } }, spec: { ports: [{ name: 'https', port: 443 }] } },
            PatchStrategy.StrategicMergePatch],
    ];
    for (const [kind, body, contentType] of attempts) {
        try {
            const svc = await core.patchNamespacedService({ name: 'web', namespace, body }, setHeaderOptions('Content-Type', contentType));
            emit('patched', { kind, rv: svc.metadata.resourceVersion, labels: svc.metadata.labels, ports: svc.spec.ports.map((p) => p.port).sort((a, b) => a - b) });
        } catch (e) {
            emit('patch-failed', { kind, ...apiError(e) });
        }
    }
}

await run(main);
