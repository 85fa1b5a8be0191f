// An informer (makeInformer) on the services of one namespace. It reports every list, (re)connect and event;
// the test makes the changes, drops or expires the watches, and asks for the cache with "dump".
import { ADD, CONNECT, DELETE, ERROR, UPDATE, makeInformer } from '@kubernetes/client-node';
import { connect, emit, nextCommand, run } from './harness.mjs';

const summary = (svc) => ({ name: svc.metadata.name, rv: svc.metadata.resourceVersion, labels: svc.metadata.labels ?? {} });

async function main(url, namespace) {
    const { kc, core } = connect(url);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedService({
        namespace,
        body: { metadata: { name: 'before' }, spec: { ports: [{ port: 80 }] } },
    });

    let lists = 0;
    let connects = 0;
    const informer = makeInformer(kc, `/api/v1/namespaces/${namespace}/services`, async () => {
        const list = await core.listNamespacedService({ namespace });
        lists++;
        emit('list', { count: lists, rv: list.metadata.resourceVersion, names: list.items.map((s) => s.metadata.name) });
        return list;
    });
    informer.on(CONNECT, () => emit('connect', { count: ++connects }));
    informer.on(ADD, (svc) => emit('add', summary(svc)));
    informer.on(UPDATE, (svc) => emit('update', summary(svc)));
    informer.on(DELETE, (svc) => emit('delete', summary(svc)));
    informer.on(ERROR, (err) => emit('informer-error', { message: String(err?.message ?? err), code: err?.code ?? err?.statusCode }));

    // start() resolves once the list is applied and the watch request has its response headers.
    await informer.start();
    emit('started', { rv: informer.latestResourceVersion() });

    for (let command = await nextCommand(); command !== 'stop'; command = await nextCommand()) {
        if (command !== 'dump') {
            throw new Error(`unknown command ${command}`);
        }
        const items = informer.list(namespace).map(summary).sort((a, b) => a.name.localeCompare(b.name));
        emit('cache', { items, lists, connects, rv: informer.latestResourceVersion() });
    }
    await informer.stop();
}

await run(main);
