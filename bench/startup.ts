import 'reflect-metadata';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MatchIndex } from '../src/matching/match-index';
import { loadTestConfig } from '../tests/helpers/test-config';
import { stallBench } from './stalls';
import { startSkillgraph, stopServer, syntheticDatabase, table } from './support';

// npm run bench:startup [-- --sizes 100000,1000000] [--mode stalls]
// For each size, on the synthetic MySQL database of that many candidates (made once, then
// reused): how long the built service takes from its start to answering GraphQL, reading
// every candidate into the match index (INDEX_SNAPSHOT=off) and loading the index saved at
// its last shutdown; how long that shutdown took; the file's size. Then, in this process,
// the longest the event loop stands still while the index is saved (a copy taken in one
// go) and how long loading it takes, for the figures without the server's own start.
// `--mode stalls` measures instead how long the event loop stands still while the index
// follows bursts of writes (see stalls.ts).

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    mode: { type: 'string', default: 'start' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const JWT_SECRET = 'startup-bench-secret-long-enough-0123456789';

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

async function main(): Promise<void> {
  const server = loadTestConfig().mysqlUrl;
  if (values.mode === 'stalls') return stallBench(server, sizes);
  const rows: string[][] = [];
  for (const size of sizes) {
    const db = await syntheticDatabase(server, size);
    const dir = await mkdtemp(join(tmpdir(), 'skillgraph-startup-'));
    const path = join(dir, 'match-index.snapshot');
    const start = (snapshot: string) =>
      timed(() =>
        startSkillgraph(`startup-${size}`, server, size, JWT_SECRET, [], 1, { INDEX_SNAPSHOT: snapshot }),
      );

    const [cold, coldSeconds] = await start('off');
    await stopServer(cold);
    const [saving, firstSeconds] = await start(path);
    const [, shutdownSeconds] = await timed(() => stopServer(saving));
    const [warm, warmSeconds] = await start(path);
    await stopServer(warm);
    const fileMiB = (await stat(path)).size / 2 ** 20;

    // In this process: the stall a periodic save makes, and the load alone.
    const index = new MatchIndex(db, {
      snapshot: { path: join(dir, 'in-process.snapshot'), source: 'bench' },
    });
    await index.ready();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const [, saveSeconds] = await timed(() => index.saveSnapshot());
    delay.disable();
    const [loaded, loadSeconds] = await timed(async () => {
      const again = new MatchIndex(db, {
        snapshot: { path: join(dir, 'in-process.snapshot'), source: 'bench' },
      });
      await again.ready();
      return again;
    });
    if (!loaded.stats().fromSnapshot) throw new Error('the saved index was not loaded');
    rows.push([
      String(size),
      coldSeconds.toFixed(2),
      firstSeconds.toFixed(2),
      shutdownSeconds.toFixed(2),
      warmSeconds.toFixed(2),
      (coldSeconds / warmSeconds).toFixed(1),
      fileMiB.toFixed(1),
      (saveSeconds * 1000).toFixed(0),
      (delay.max / 1e6).toFixed(0),
      (loadSeconds * 1000).toFixed(0),
      loadavg()[0].toFixed(1),
    ]);
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    table(
      [
        'candidates',
        'start, reading all s',
        'start, no file yet s',
        'shutdown, saving s',
        'start, loading s',
        'ratio',
        'file MiB',
        'save ms',
        'save stall ms',
        'load ms',
        'load',
      ],
      rows,
    ),
  );
  console.log(
    '\nStarts are timed from spawning `node dist/src/main.js` to its first GraphQL answer (polled every 200 ms). ' +
      'Save and load are timed in this process; the stall is the longest the event loop stood still while saving. ' +
      'Load: the 1-minute load average on this machine.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
