import { Worker } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const { createConnection } = require(workerData.mysql2);
(async () => {
  const connection = await createConnection({ uri: workerData.url, multipleStatements: true });
  try {
    await connection.query(workerData.sql);
  } finally {
    await connection.end();
  }
})().then(
  () => { Atomics.store(workerData.state, 0, 1); Atomics.notify(workerData.state, 0); },
  () => { Atomics.store(workerData.state, 0, 2); Atomics.notify(workerData.state, 0); },
);
`;

/**
 * Runs `sql` as another MySQL client would, on a connection of its own in a worker
 * thread, while this thread is blocked (as by a long synchronous task) and reads
 * nothing from its own connections; returns once that client is done.
 */
export function runWhileBlocked(url: string, sql: string, timeoutMs = 30000): void {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { url, sql, state, mysql2: require.resolve('mysql2/promise') },
  });
  Atomics.wait(state, 0, 0, timeoutMs);
  const outcome = Atomics.load(state, 0);
  if (outcome !== 1) {
    void worker.terminate();
    throw new Error(outcome === 2 ? `the other client failed to run: ${sql}` : 'the other client timed out');
  }
}
