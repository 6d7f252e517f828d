import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { MatchIndex } from '../src/matching/match-index';
import { syntheticDatabaseUrl, table } from './support';

// npm run bench:startup -- --mode stalls [--sizes 1000000]
// The longest the event loop stands still while the match index absorbs a burst of writes
// (enough to leave a tenth of its slots dead, so it compacts), a burst of deletions made
// elsewhere (found by the change feed), a large page of the feed, and a save.
//
// The synthetic database is only read: the writes go to a scratch database holding a copy
// of its `candidate` table, and views of the tables the index reads besides.

const VIEWS = ['candidate_skill', 'skill', 'skill_alias', 'taxonomy_version'];

/** Named by process, so that two runs at once (an old build beside a new one) keep apart. */
const scratchName = (size: number) => `skillgraph_stalls_${size}_${process.pid}`;

async function scratchDatabase(server: string, size: number): Promise<DataSource> {
  const source = new URL(syntheticDatabaseUrl(server, size)).pathname.slice(1);
  const name = scratchName(size);
  const admin = await createConnection({ uri: server });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`CREATE TABLE \`${name}\`.candidate LIKE \`${source}\`.candidate`);
  await admin.query(`INSERT INTO \`${name}\`.candidate SELECT * FROM \`${source}\`.candidate`);
  for (const view of VIEWS)
    await admin.query(`CREATE VIEW \`${name}\`.${view} AS SELECT * FROM \`${source}\`.${view}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return createDataSource({ databaseUrl: await serverFlavourUrl(url.toString()) }).initialize();
}

async function dropScratch(server: string, size: number): Promise<void> {
  const admin = await createConnection({ uri: server });
  await admin.query(`DROP DATABASE IF EXISTS \`${scratchName(size)}\``);
  await admin.end();
}

/**
 * The ids, as numbers, read a page at a time: each page's rows die young. Read all at once,
 * the million rows filled the heap (about 95 MB), and their collection, which takes a few
 * hundred milliseconds, ran into the first phase measured.
 */
async function candidateIds(db: DataSource): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const found: { id: number }[] = await db.query(
      'SELECT id FROM candidate WHERE id > ? ORDER BY id LIMIT 20000',
      [ids.at(-1) ?? 0],
    );
    for (const row of found) ids.push(Number(row.id));
    if (found.length < 20000) return ids;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for work the index goes on with between requests (a compaction, growing its columns), if any. */
async function settled(index: MatchIndex): Promise<void> {
  for (;;) {
    const stats: object = index.stats();
    const busy = (name: string) => name in stats && Boolean((stats as Record<string, unknown>)[name]);
    if (!busy('compacting') && !busy('growing')) return;
    await pause(20);
  }
}

/**
 * How long `run` took, the longest and 99th-percentile event-loop delays meanwhile, and the
 * longest garbage collection (part of a delay, or all of it).
 */
async function stalls(run: () => Promise<unknown>): Promise<string[]> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let longestGc = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  delay.enable();
  await run();
  delay.disable();
  const seconds = (performance.now() - started) / 1000;
  await pause(0); // the last collections' entries
  gc.disconnect();
  return [
    (delay.max / 1e6).toFixed(1),
    (delay.percentile(99) / 1e6).toFixed(1),
    longestGc.toFixed(1),
    seconds.toFixed(2),
  ];
}

export async function stallBench(server: string, sizes: number[]): Promise<void> {
  const rows: string[][] = [];
  for (const size of sizes) {
    const db = await scratchDatabase(server, size);
    const dir = await mkdtemp(join(tmpdir(), 'skillgraph-stalls-'));
    const index = new MatchIndex(db, { snapshot: { path: join(dir, 'index.snapshot'), source: 'stalls' } });
    await index.ready();
    const row = (phase: string, figures: string[]) => {
      const stats = index.stats();
      rows.push([
        String(size),
        phase,
        ...figures,
        String(stats.candidates),
        String(stats.skillEntries),
        (stats.bytes / 2 ** 20).toFixed(0),
        loadavg()[0].toFixed(1),
      ]);
    };
    const ids = await candidateIds(db);

    // Writes through this process: every eighth candidate re-read, 500 a call, so an
    // eighth of the slots go dead and the index compacts.
    const written = ids.filter((_, i) => i % 8 === 3);
    row(
      'writes',
      await stalls(async () => {
        for (let i = 0; i < written.length; i += 500)
          await index.refreshCandidates(written.slice(i, i + 500));
        await settled(index);
      }),
    );

    // Deletions made elsewhere: the feed finds them within its reconcile period.
    await db.query('DELETE FROM candidate WHERE id % 50 = 7');
    row(
      'deletions',
      await stalls(async () => {
        for (let poll = 0; poll < 5; poll++) await index.refresh();
        await settled(index);
      }),
    );

    // A large page of the change feed: a twentieth of the candidates written elsewhere.
    await index.refresh();
    await db.query('UPDATE candidate SET updatedAt = CURRENT_TIMESTAMP(6) WHERE id % 20 = 11');
    row(
      'feed page',
      await stalls(async () => {
        await index.refresh();
        await settled(index);
      }),
    );

    row('save', await stalls(() => index.saveSnapshot()));
    await db.destroy();
    await dropScratch(server, size);
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    table(
      [
        'candidates',
        'phase',
        'stall max ms',
        'stall p99 ms',
        'GC max ms',
        'took s',
        'held',
        'entries',
        'index MiB',
        'load',
      ],
      rows,
    ),
  );
  console.log(
    '\nStalls: the longest and 99th-percentile event-loop delays (monitorEventLoopDelay, 1 ms resolution) ' +
      'while the phase ran, in this process. Held, entries, MiB: the index after the phase. ' +
      'Load: the 1-minute load average on this machine.',
  );
}
