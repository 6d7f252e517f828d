import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from '../src/account/account.entity';
import { Role } from '../src/access/role';
import { hashPassword } from '../src/account/password';
import { Sessions } from '../src/account/sessions';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedReference } from '../seeds/load';
import { generateSynthetic, syntheticCandidateCount } from '../seeds/synthetic';

// What the benchmarks share: one database of synthetic data per size, a server started as a
// child process (so its peak RSS is its own), and the table they print.

/** The URL of the database that holds `size` synthetic candidates on `server`. */
export function syntheticDatabaseUrl(server: string, size: number): string {
  const url = new URL(server);
  url.pathname = `/skillgraph_bench_${size}`;
  return url.toString();
}

/** A MySQL database of `size` synthetic candidates and 2,000 postings, made once, then reused. */
export async function syntheticDatabase(server: string, size: number): Promise<DataSource> {
  const url = syntheticDatabaseUrl(server, size);
  const name = new URL(url).pathname.slice(1);
  const admin = await createConnection({ uri: server });
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();
  const db = await createDataSource({ databaseUrl: await serverFlavourUrl(url) }).initialize();
  await db.runMigrations({ transaction: 'each' });
  const loaded = await syntheticCandidateCount(db);
  if (loaded !== size) {
    if (loaded > 0)
      throw new Error(`${name} holds ${loaded} synthetic candidates, not ${size}: drop it and run again`);
    await seedReference(db);
    const started = performance.now();
    const counts = await generateSynthetic(db, { candidates: size, postings: 2000, seed: 42 });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `generated ${size} candidates (${counts.candidateSkills} candidate-skill rows) in ${seconds.toFixed(1)} s: ${Math.round(counts.candidateSkills / seconds)} candidate-skill rows/s`,
    );
  }
  return db;
}

/** Right-aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The limits a production server would keep, raised so that one load generator is not throttled. */
const UNTHROTTLED = { AUTH_RATE_PER_IP: '1000000', COST_PER_MINUTE: '1000000000000' };

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** where the server's output went: its log lines, and any crash */
  log: string;
}

/** Starts `node script` on a free loopback port and waits until it answers GraphQL. */
export async function startServer(
  name: string,
  command: (port: number) => {
    script: string;
    args?: string[];
    env?: Record<string, string>;
    /** options for node itself, such as --cpu-prof */
    nodeArgs?: string[];
  },
): Promise<Server> {
  const port = await freePort();
  const { script, args = [], env = {}, nodeArgs = [] } = command(port);
  const log = join(tmpdir(), `skillgraph-bench-${name}.log`);
  const output = openSync(log, 'w');
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} server exited with ${child.exitCode}: see ${log}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) return { name, url, child, log };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} server did not answer within 120 s: see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The built Skillgraph server in production mode, started as `npm start` and the Docker
 * image start it, on the synthetic database of `size` candidates: one process, or a
 * primary and `workers` worker processes (src/cluster.ts), once every worker serves.
 */
export async function startSkillgraph(
  name: string,
  server: string,
  size: number,
  jwtSecret: string,
  nodeArgs: string[] = [],
  workers = 1,
  env: Record<string, string> = {},
): Promise<Server> {
  const started = await startServer(name, (port) => ({
    script: join(__dirname, '../src/main.js'),
    nodeArgs: ['--max-semi-space-size=64', ...nodeArgs],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: syntheticDatabaseUrl(server, size),
      JWT_SECRET: jwtSecret,
      WORKERS: String(workers),
      ...UNTHROTTLED,
      ...env,
    },
  }));
  // The first worker answers before the others listen; connections made meanwhile would stay with it.
  while (workers > 1 && !readFileSync(started.log, 'utf8').includes(`with ${workers} worker processes`)) {
    if (started.child.exitCode !== null) throw new Error(`${name} server exited: see ${started.log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return started;
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The process and its descendants (a cluster's workers), as /proc lists them now. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone, or no /proc
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * CPU time (user + system, all threads) a server has used since it started, in ms, with
 * that of its worker processes: the difference over a run, divided by the requests served,
 * is what a request costs the server, whatever else shares the machine.
 */
export function cpuMs(pid: number): number {
  return processTree(pid).reduce((sum, process) => {
    try {
      // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name, in clock
      // ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${process}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return sum; // exited meanwhile
    }
  }, 0);
}

/**
 * The most resident memory a server has had (VmHWM), in MiB, summed over its worker
 * processes: each one's own peak, so never less than what they held together at any moment.
 * Null where /proc is missing.
 */
export function peakRssMiB(pid: number): number | null {
  let kilobytes = 0;
  for (const process of processTree(pid)) {
    try {
      kilobytes += Number(
        readFileSync(`/proc/${process}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? 0,
      );
    } catch {
      if (process === pid) return null;
    }
  }
  return kilobytes / 1024;
}

/** The server logs one JSON line per operation; lines at level error (50) or above mean a bug. */
export function reportServerErrors(log: string): void {
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const errors = lines.filter((line) => /"level":(5|6)\d/.test(line) || !line.startsWith('{'));
  console.log(
    `\nSkillgraph server log ${log}: ${lines.length} lines, ${errors.length} at level error or not JSON`,
  );
  for (const line of errors.slice(0, 5)) console.log(`  ${line.slice(0, 400)}`);
}

/** The bench's own account of `role`, made once and kept; its password is random because only its tokens are used. */
export async function benchAccount(
  db: DataSource,
  email: string,
  role: Role,
  link: Pick<User, 'companyId' | 'candidateId'> = { companyId: null, candidateId: null },
): Promise<User> {
  const users = db.getRepository(User);
  const existing = await users.findOneBy({ email });
  if (existing) return users.save({ ...existing, ...link });
  return users.save({
    email,
    role,
    displayName: `Bench ${role.toLowerCase()}`,
    passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
    ...link,
  });
}

/** A token for a new session of `user`, as a log-in would give, signed with the served instance's secret. */
export function benchToken(db: DataSource, user: User, jwtSecret: string): Promise<string> {
  return new Sessions(db, { jwtSecret, tokenTtlSeconds: 3600, sessionCacheMs: 0 }).open(user);
}
