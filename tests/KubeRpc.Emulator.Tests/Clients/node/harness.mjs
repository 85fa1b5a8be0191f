// Shared plumbing for the scenario scripts the xunit tests run against the emulator.
// Each script prints one JSON object per line ({"step": ..., ...}) and reads commands from stdin when the
// test has to act before the script goes on. A crash prints {"step":"error",...} and exits 1, so the test
// fails with the client's own words.
import { createInterface } from 'node:readline';
import { CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';

/** Prints one machine-readable line. */
export function emit(step, fields = {}) {
    process.stdout.write(JSON.stringify({ step, ...fields }) + '\n');
}

const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** The next command the test writes on stdin. */
export async function nextCommand() {
    const { value, done } = await stdin.next();
    if (done) {
        throw new Error('stdin closed while waiting for a command');
    }
    return value.trim();
}

/** Waits until the test writes `command` on stdin. */
export async function waitFor(command) {
    const line = await nextCommand();
    if (line !== command) {
        throw new Error(`expected ${JSON.stringify(command)} on stdin, got ${JSON.stringify(line)}`);
    }
}

/** A kubeconfig for plain HTTP without credentials, and the typed APIs on it. */
export function connect(url) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
        clusters: [{ name: 'emulator', server: url, skipTLSVerify: true }],
        users: [{ name: 'anonymous' }],
        contexts: [{ name: 'emulator', cluster: 'emulator', user: 'anonymous' }],
        currentContext: 'emulator',
    });
    return { kc, core: kc.makeApiClient(CoreV1Api), net: kc.makeApiClient(NetworkingV1Api) };
}

/** What the client exposes of a failed call: the HTTP status and the decoded Status body. */
export function apiError(e) {
    if (e.code === undefined) {
        throw e;
    }
    let body = e.body;
    if (typeof body === 'string') {
        try {
            body = JSON.parse(body);
        } catch {
            // keep the raw text: the test shows it
        }
    }
    return { status: e.code, body };
}

/** Runs `main(url, namespace)` from argv; reports a crash as an error step. */
export async function run(main) {
    try {
        await main(process.argv[2], process.argv[3]);
        emit('done');
        process.exit(0);
    } catch (e) {
        emit('error', { type: e?.constructor?.name, message: String(e?.message ?? e), stack: e?.stack });
        process.exit(1);
    }
}
