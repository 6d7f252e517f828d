import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedReference } from '../seeds/load';
import { skills as referenceSkills } from '../seeds/reference/skills';
import { prng } from '../seeds/synthetic';
import { loadTestConfig } from '../tests/helpers/test-config';
import { table } from './support';

// npm run bench:import [-- --rows 1000000] [--cpu-prof DIR]
// Writes a JSONL file of `rows` candidates (3 to 6 skills each, named by slug or alias),
// imports it with the command as an operator runs it (`node dist/src/cli/import.js`) into
// a fresh MySQL database, then imports it again (every record unchanged). Prints rows/s,
// the command's CPU time and peak RSS for both runs, and the machine's load average
// meanwhile (a busy machine slows the run, not the command's CPU time); with --cpu-prof,
// each run's CPU profile goes to DIR.

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, 'cpu-prof': { type: 'string' } },
});
const rows = Number(values.rows);
const profileDir = values['cpu-prof'];

async function writeFile(path: string): Promise<void> {
  const random = prng(7);
  const remote = ['ONSITE', 'HYBRID', 'REMOTE'];
  const out = createWriteStream(path);
  for (let i = 1; i <= rows; i++) {
    const count = 3 + Math.floor(random() * 4);
    const chosen = new Set<(typeof referenceSkills)[number]>();
    while (chosen.size < count) chosen.add(referenceSkills[Math.floor(random() * referenceSkills.length)]);
    const skills = [...chosen].map((seed) => ({
      skill: seed.aliases?.length && random() < 0.3 ? seed.aliases[0] : seed.slug,
      level: 1 + Math.floor(random() * 5),
      years: random() < 0.5 ? Math.floor(random() * 10) : undefined,
    }));
    const line = JSON.stringify({
      type: 'candidate',
      externalId: `bench-${i}`,
      displayName: `Bench Candidate ${i}`,
      email: `bench${i}@example.com`,
      headline: 'Back-end developer',
      location: ['Berlin', 'Lisbon', 'Austin', 'Remote'][i % 4],
      remote: remote[i % 3],
      yearsExperience: Math.floor(random() * 20),
      openToWork: random() < 0.8,
      skills,
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface RunResult {
  seconds: number;
  /** the machine's 1-minute load average, sampled every 5 s during the run */
  load: number;
  summary: string;
  report: { created: number; updated: number; unchanged: number; rejected: number };
}

async function importOnce(file: string, databaseUrl: string, reportPath: string): Promise<RunResult> {
  const started = performance.now();
  const loads = [loadavg()[0]];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 5000);
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, 'dist/src/cli/import.js', file, '--report', reportPath],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the import exited ${code}:\n${stdout}`);
  return {
    seconds,
    load: loads.reduce((a, b) => a + b, 0) / loads.length,
    summary: stdout.trim().split('\n')[0],
    report: JSON.parse(readFileSync(reportPath, 'utf8')),
  };
}

async function main(): Promise<void> {
  const server = loadTestConfig().mysqlUrl;
  const url = new URL(server);
  url.pathname = '/skillgraph_bench_import';
  const admin = await createConnection({ uri: server });
  await admin.query('DROP DATABASE IF EXISTS `skillgraph_bench_import`');
  await admin.query(
    'CREATE DATABASE `skillgraph_bench_import` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
  );
  await admin.end();
  const databaseUrl = await serverFlavourUrl(url.toString());
  const db = await createDataSource({ databaseUrl }).initialize();
  await db.runMigrations({ transaction: 'each' });
  await seedReference(db);
  await db.destroy();

  const file = join(tmpdir(), `skillgraph-bench-import-${rows}.jsonl`);
  if (!existsSync(file)) await writeFile(file);
  console.log(`${file}: ${rows} candidates, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);

  const results: [string, RunResult][] = [];
  for (const name of ['first run (creates)', 'second run (unchanged)']) {
    const result = await importOnce(file, databaseUrl, join(tmpdir(), 'skillgraph-bench-import-report.json'));
    console.log(`${name}: ${result.summary}`);
    results.push([name, result]);
  }
  const peak = (summary: string) => summary.match(/peak RSS (\d+) MiB/)?.[1] ?? '?';
  const cpu = (summary: string) => Number(summary.match(/CPU ([\d.]+) s/)?.[1] ?? NaN);
  console.log(
    '\n' +
      table(
        [
          'run',
          'rows',
          'created',
          'unchanged',
          'seconds',
          'rows/s',
          'CPU s',
          'rows/CPU s',
          'peak RSS MiB',
          'load',
        ],
        results.map(([name, r]) => [
          name,
          String(rows),
          String(r.report.created),
          String(r.report.unchanged),
          r.seconds.toFixed(1),
          String(Math.round(rows / r.seconds)),
          cpu(r.summary).toFixed(1),
          String(Math.round(rows / cpu(r.summary))),
          peak(r.summary),
          r.load.toFixed(1),
        ]),
      ),
  );
  console.log(
    `\nTargets: >= 5000 rows/s on the first run, peak RSS <= 300 MiB. Load: the 1-minute load average ` +
      `during the run, on ${cpus().length} CPUs (the command and MySQL need about two of them).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
