import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir, totalmem, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { prng, SyntheticRows, syntheticSkills } from '../seeds/synthetic';
import { RemotePolicy } from '../src/common/remote-policy';
import { decodeIndex, readSnapshotFile, snapshotStamp } from '../src/matching/index-snapshot';
import { IndexPage, MatchIndex } from '../src/matching/match-index';
import { orderPostingSkills, PostingInput } from '../src/matching/scoring';
import { loadTestConfig } from '../tests/helpers/test-config';
import { timeHttpRanking } from './http-ranking';
import { timeKernelsOn } from './kernel';
import { syntheticDatabaseUrl, table } from './support';

// npm run bench:scale [-- --sizes 10000,100000,1000000,10000000 --postings 50 --no-http]
// How the match index grows with the number of candidates: its memory, the time to build it
// (from MySQL, and from the synthetic generator's rows), to save and load its snapshot, and
// ranking p50/p95 in process (the kernel) and over HTTP. Each size runs in a child process of
// its own, so its memory is its own.
//
// At every size the index is built in process from the rows seeds/synthetic.ts draws for
// seed 42, through the same code the service builds with from MySQL (MatchIndex.buildFrom),
// without a database: the way to measure sizes that no database here holds (10M candidates
// are 100M candidate-skill rows, about 10 GB of MySQL). Where skillgraph_bench_<size> holds
// that size (bench/support.ts makes them; this bench never writes to them), the index is also
// built from MySQL, checked to hold the same rows, started from a snapshot with its catch-up,
// and ranked over HTTP by the real server.

const SEED = 42;
const POSTINGS = 2000;
/** the service's own page size (MatchIndexOptions.pageSize) */
const PAGE_SIZE = 5000;
/** a fixed, old version for generated rows, one millisecond apart, as a bulk load leaves them */
const GENERATED_AT = Date.UTC(2026, 0, 1);

interface Row {
  candidates: number;
  skillRows: number;
  indexMiB: number;
  rssMiB: number;
  serverRssMiB: number | null;
  mysqlBuildS: number | null;
  /** this process's CPU time building from MySQL (MySQL's own not included) */
  mysqlBuildCpuS: number | null;
  generatedBuildS: number;
  generatedBuildCpuS: number;
  generationS: number;
  same: boolean | null;
  snapshotMiB: number;
  saveS: number;
  loadS: number;
  startFromSnapshotS: number | null;
  kernel: { p50: number; p95: number };
  kernelCpu: { p50: number; p95: number };
  exhaustive: { p50: number; p95: number };
  exhaustiveCpu: { p50: number; p95: number };
  kernelLoad: number;
  http: { p50: number; p95: number } | null;
  httpCpuMs: number | null;
  httpLoad: number | null;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000,10000000' },
    postings: { type: 'string', default: '50' },
    'no-http': { type: 'boolean', default: false },
    one: { type: 'string' },
  },
});

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

const collect = () => (global as { gc?: () => void }).gc?.();
const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

/** The synthetic candidates `database` holds, or 0 when there is no such database. */
async function syntheticCount(server: string, size: number): Promise<number> {
  const admin = await createConnection({ uri: server });
  try {
    const name = `skillgraph_bench_${size}`;
    const [schemas] = await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [
      name,
    ]);
    if ((schemas as unknown[]).length === 0) return 0;
    const [rows] = await admin.query(
      `SELECT COUNT(*) AS n FROM \`${name}\`.candidate WHERE email LIKE '%@synthetic.example.com'`,
    );
    return Number((rows as { n: number }[])[0].n);
  } catch {
    return 0;
  } finally {
    await admin.end();
  }
}

/** Opens an existing database, without migrating it: this bench only reads. */
async function open(server: string, size: number): Promise<DataSource> {
  const url = await serverFlavourUrl(syntheticDatabaseUrl(server, size));
  return createDataSource({ databaseUrl: url }).initialize();
}

/** The generator's candidates as the index reads them, timing the drawing apart from the indexing. */
function* indexPages(
  rows: SyntheticRows,
  size: number,
  firstId: number,
  clock: { ms: number; cpuMs: number },
) {
  const pages = rows.candidatePages(size, firstId, PAGE_SIZE);
  for (;;) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const next = pages.next();
    if (next.done) return;
    const page: IndexPage = {
      candidates: next.value.candidates.map((c) => ({
        id: c.id,
        yearsExperience: c.yearsExperience,
        openToWork: c.openToWork,
        remote: c.remote as RemotePolicy,
        location: c.location,
        updatedAt: new Date(GENERATED_AT + c.id),
      })),
      skills: next.value.skills,
    };
    clock.ms += performance.now() - started;
    clock.cpuMs += cpuMs(process.cpuUsage(cpuStarted));
    yield page;
  }
}

async function measureOne(size: number, samples: number, http: boolean): Promise<Row> {
  const server = loadTestConfig().mysqlUrl;
  const held = await syntheticCount(server, size);
  const fromMysql = held === size;
  // Without a database of this size, the skills (the same reference set everywhere) come from
  // the largest one there is.
  let skillSource = size;
  if (!fromMysql) {
    for (const other of [1000000, 100000, 10000]) {
      if ((await syntheticCount(server, other)) === other) {
        skillSource = other;
        break;
      }
    }
    if (skillSource === size)
      throw new Error(
        'no skillgraph_bench_<size> database to read the skills from: run npm run bench:matching',
      );
  }
  const db = await open(server, skillSource);
  const dir = await mkdtemp(join(tmpdir(), 'skillgraph-scale-'));
  try {
    const firstCandidate = fromMysql
      ? Number(
          (
            await db.query("SELECT MIN(id) AS id FROM candidate WHERE email LIKE '%@synthetic.example.com'")
          )[0].id,
        )
      : 1;
    const firstPosting = fromMysql
      ? Number((await db.query('SELECT MIN(id) AS id FROM job_posting'))[0].id)
      : 1;

    // Built from the generator's rows, through MatchIndex.buildFrom.
    const rows = new SyntheticRows(await syntheticSkills(db), SEED);
    const snapshot = { path: join(dir, 'generated.snapshot'), source: `generated-${size}` };
    const clock = { ms: 0, cpuMs: 0 };
    collect();
    const index = new MatchIndex(db, { snapshot });
    const buildCpu = process.cpuUsage();
    await index.buildFrom(indexPages(rows, size, firstCandidate, clock));
    const generatedBuildCpuS = (cpuMs(process.cpuUsage(buildCpu)) - clock.cpuMs) / 1000;
    const built = index.stats();
    collect();
    const rss = rssMiB();
    console.log(
      `${size}: index of ${built.candidates} candidates, ${built.skillEntries} entries, ${(built.bytes / 2 ** 20).toFixed(1)} MiB, built from generated rows in ${((built.buildMs - clock.ms) / 1000).toFixed(1)} s (+${(clock.ms / 1000).toFixed(1)} s drawing them); RSS ${rss.toFixed(0)} MiB`,
    );

    // Rankings, in process, on postings picked as bench:matching picks them.
    const postings = rows.postings(POSTINGS, firstPosting);
    const random = prng(size);
    const picked = Array.from({ length: samples }, () => postings[Math.floor(random() * postings.length)]);
    const inputs: PostingInput[] = picked.map((p) => ({
      minYearsExperience: p.minYearsExperience,
      skills: orderPostingSkills(p.skills),
    }));
    const kernel = timeKernelsOn(
      index,
      inputs,
      { openToWorkOnly: true },
      picked.map((p) => p.id),
    );
    console.log(
      `${size}: kernel p50 ${kernel.times.planned.p50.toFixed(2)} ms p95 ${kernel.times.planned.p95.toFixed(2)} ms, CPU p50 ${kernel.cpu.planned.p50.toFixed(2)} ms p95 ${kernel.cpu.planned.p95.toFixed(2)} ms; exhaustive p50 ${kernel.times.exhaustive.p50.toFixed(2)} ms (CPU ${kernel.cpu.exhaustive.p50.toFixed(2)} ms); load ${kernel.load.toFixed(2)}`,
    );

    // The snapshot: saved, then read back into an index image and its id → slot map.
    const [, saveS] = await timed(() => index.saveSnapshot());
    const snapshotMiB = (await stat(snapshot.path)).size / 2 ** 20;
    const stamp = await snapshotStamp(db, snapshot.source);
    const [loadedSize, loadS] = await timed(async () => {
      const image = decodeIndex((await readSnapshotFile(snapshot.path))!, stamp);
      if (!image) throw new Error('the saved index did not load');
      // as MatchIndex.load maps each live candidate's id to its slot
      const slotOf = new Map<number, number>();
      const { ids, alive, size: slots } = image.columns;
      for (let slot = 0; slot < slots; slot++) if (alive[slot]) slotOf.set(ids[slot], slot);
      return slotOf.size;
    });
    if (loadedSize !== built.candidates) throw new Error(`the snapshot held ${loadedSize} candidates`);
    await rm(snapshot.path);

    let mysqlBuildS: number | null = null;
    let mysqlBuildCpuS: number | null = null;
    let same: boolean | null = null;
    let startFromSnapshotS: number | null = null;
    let httpFigures: Awaited<ReturnType<typeof timeHttpRanking>> | null = null;
    if (fromMysql) {
      collect();
      const fromDb = new MatchIndex(db, { snapshot: { path: join(dir, 'mysql.snapshot'), source: 'bench' } });
      const mysqlCpu = process.cpuUsage();
      await fromDb.ready();
      mysqlBuildCpuS = cpuMs(process.cpuUsage(mysqlCpu)) / 1000;
      const read = fromDb.stats();
      mysqlBuildS = read.buildMs / 1000;
      same =
        read.candidates === built.candidates &&
        read.skillEntries === built.skillEntries &&
        read.bytes === built.bytes &&
        read.locations === built.locations;
      await fromDb.saveSnapshot();
      const [restarted, startS] = await timed(async () => {
        const again = new MatchIndex(db, {
          snapshot: { path: join(dir, 'mysql.snapshot'), source: 'bench' },
        });
        await again.ready();
        return again;
      });
      if (!restarted.stats().fromSnapshot) throw new Error('the saved index was not loaded');
      startFromSnapshotS = startS;
      console.log(
        `${size}: built from MySQL in ${mysqlBuildS.toFixed(1)} s (${same ? 'the same' : 'NOT the same'} rows as generated); started from its snapshot in ${startS.toFixed(2)} s`,
      );
      if (http) {
        const ids = picked.map((p) => p.id);
        httpFigures = await timeHttpRanking(db, server, size, ids, { INDEX_SNAPSHOT: 'off' });
        console.log(
          `${size}: HTTP p50 ${httpFigures.times.p50.toFixed(1)} ms p95 ${httpFigures.times.p95.toFixed(1)} ms, server CPU ${httpFigures.cpuMsPerRequest.toFixed(1)} ms a request, peak RSS ${httpFigures.peakRssMiB?.toFixed(0)} MiB, load ${httpFigures.load.toFixed(2)}`,
        );
      }
    }
    return {
      candidates: built.candidates,
      skillRows: built.skillEntries,
      indexMiB: built.bytes / 2 ** 20,
      rssMiB: rss,
      serverRssMiB: httpFigures?.peakRssMiB ?? null,
      mysqlBuildS,
      mysqlBuildCpuS,
      generatedBuildS: (built.buildMs - clock.ms) / 1000,
      generatedBuildCpuS,
      generationS: clock.ms / 1000,
      same,
      snapshotMiB,
      saveS,
      loadS,
      startFromSnapshotS,
      kernel: kernel.times.planned,
      kernelCpu: kernel.cpu.planned,
      exhaustive: kernel.times.exhaustive,
      exhaustiveCpu: kernel.cpu.exhaustive,
      kernelLoad: kernel.load,
      http: httpFigures?.times ?? null,
      httpCpuMs: httpFigures?.cpuMsPerRequest ?? null,
      httpLoad: httpFigures?.load ?? null,
    };
  } finally {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one size in a child process (its memory its own) and hands back its row. */
function runChild(size: number, samples: number, http: boolean): Promise<Row> {
  const args = ['--expose-gc', __filename, '--one', String(size), '--postings', String(samples)];
  if (!http) args.push('--no-http');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let row: Row | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('ROW ')) row = JSON.parse(line.slice(4)) as Row;
    else console.log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0 && row) resolve(row);
      else reject(new Error(`the run at ${size} candidates exited with ${code}`));
    });
  });
}

const s = (seconds: number | null, digits = 1) => (seconds === null ? 'n/a' : seconds.toFixed(digits));
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const mib = (value: number | null) => (value === null ? 'n/a' : value.toFixed(value < 10 ? 1 : 0));

async function main(): Promise<void> {
  const samples = Number(values.postings);
  const http = !values['no-http'];
  if (values.one) {
    const row = await measureOne(Number(values.one), samples, http);
    console.log(`ROW ${JSON.stringify(row)}`);
    return;
  }
  const sizes = values.sizes!.split(',').map(Number);
  const started = new Date();
  console.log(
    `scale benchmark: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${samples} postings per size; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} at ${started.toISOString()}\n`,
  );
  const rows: Row[] = [];
  for (const size of sizes) rows.push(await runChild(size, samples, http));
  console.log(
    '\nMemory, build and snapshot (s = seconds; MySQL columns n/a where no database of that size exists)\n\n' +
      table(
        [
          'candidates',
          'skill rows',
          'index MiB',
          'B/row',
          'bench RSS MiB',
          'server peak RSS MiB',
          'build from MySQL s (CPU)',
          'build from generated s (CPU)',
          'same rows',
          'snapshot MiB',
          'save s',
          'load s',
          'start from snapshot s',
        ],
        rows.map((r) => [
          String(r.candidates),
          String(r.skillRows),
          mib(r.indexMiB),
          ((r.indexMiB * 2 ** 20) / r.skillRows).toFixed(1),
          mib(r.rssMiB),
          mib(r.serverRssMiB),
          r.mysqlBuildS === null ? 'n/a' : `${s(r.mysqlBuildS)} (${s(r.mysqlBuildCpuS)})`,
          `${s(r.generatedBuildS)} (${s(r.generatedBuildCpuS)})`,
          r.same === null ? 'n/a' : r.same ? 'yes' : 'NO',
          mib(r.snapshotMiB),
          s(r.saveS, 2),
          s(r.loadS, 2),
          s(r.startFromSnapshotS, 2),
        ]),
      ),
  );
  console.log(
    '\nRanking, first page of 20, open to work (ms)\n\n' +
      table(
        [
          'candidates',
          'kernel p50',
          'kernel p95',
          'kernel CPU p50',
          'kernel CPU p95',
          'exhaustive p50',
          'exhaustive CPU p50',
          'load',
          'HTTP p50',
          'HTTP p95',
          'server CPU/request',
          'load',
        ],
        rows.map((r) => [
          String(r.candidates),
          ms(r.kernel.p50),
          ms(r.kernel.p95),
          ms(r.kernelCpu.p50),
          ms(r.kernelCpu.p95),
          ms(r.exhaustive.p50),
          ms(r.exhaustiveCpu.p50),
          r.kernelLoad.toFixed(2),
          r.http ? ms(r.http.p50) : 'n/a',
          r.http ? ms(r.http.p95) : 'n/a',
          r.httpCpuMs === null ? 'n/a' : ms(r.httpCpuMs),
          r.httpLoad === null ? 'n/a' : r.httpLoad.toFixed(2),
        ]),
      ),
  );
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} at the end (${((Date.now() - started.getTime()) / 60000).toFixed(1)} min). ` +
      "CPU: this process's CPU time (all threads), which other work on the machine inflates far less than wall time. " +
      'Build from generated rows excludes drawing them; bench RSS is the bench process after that build ' +
      '(node, TypeORM and the index); load s reads the snapshot file into an index image and maps ids to slots; ' +
      'start from snapshot is MatchIndex.ready() from the file, catch-up with MySQL included.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
