import 'reflect-metadata';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedDemo, seedReference } from '../seeds/load';
import { loadTestConfig } from '../tests/helpers/test-config';
import { Server, startServer, stopServer, table } from './support';

// npm run bench:dos: how long the built server (production mode, on MySQL) takes to answer
// documents crafted to exhaust it, how slow /healthz gets meanwhile, and how large /metrics
// grows after a flood of huge operation names. A document is given up on after 60 s.

const GIVE_UP_MS = 60_000;

/** `{ ...F0 }` where each fragment spreads the next one twice: 2^levels spreads in a few hundred bytes. */
export function fanOut(levels: number, fields = ''): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ${fields} ...F${i + 1} ...F${i + 1} }`,
  );
  return `query FanOut { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { __typename }`;
}

/** `{ skill { parent { … } parent { … } } skill { … } }`: 2^levels fields answer at the deepest path. */
function twoAtEveryLevel(levels: number): string {
  let twice = 'slug';
  for (let level = 1; level < levels; level++) twice = `parent { ${twice} } parent { ${twice} }`;
  return `{ skill(slug: "django") { ${twice} } skill(slug: "django") { ${twice} } }`;
}

/** A query costing 86,301, with enough fragment spreads to get past a node-counting estimator. */
const EXPENSIVE =
  fanOut(13).replace(
    'query FanOut { ...F0 }',
    `query Expensive { ...F0 skills(first: 100) { edges { node { children { edges { node { courses { edges { node { title } } } } } } } } } }`,
  ) + ' ';

const CASES: [string, string][] = [
  ['fan-out, 24 levels', fanOut(24)],
  ['fan-out, 40 levels', fanOut(40)],
  [
    'fan-out, 25 levels with fields',
    fanOut(25, 'skill(slug: "git") { slug name } skills(first: 1) { totalCount }'),
  ],
  ['cost 86,301 past 10,000 nodes', EXPENSIVE],
  // graphql-js compares each pair of same-named fields; its own budget ends the comparison
  ['one field repeated 500 times', `{ ${'skill(slug: "git") { slug } '.repeat(500)}}`],
  [
    'one field, 400 aliased copies',
    `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: skill(slug: "git") { slug } `).join('')}}`,
  ],
  ['two copies at each of 9 levels', twoAtEveryLevel(9)],
];

async function main(): Promise<void> {
  const databaseUrl = await benchDatabase();
  let server = await start(databaseUrl);
  const rows: string[][] = [];
  try {
    for (const [name, query] of CASES) {
      const { ms, status, code, bytes, slowestHealthMs } = await attack(server, query);
      rows.push([name, String(query.length), ms, status, code, bytes, slowestHealthMs]);
      if (status === 'gave up') {
        // still frozen: it cannot run its SIGTERM handler
        server.child.kill('SIGKILL');
        server = await start(databaseUrl);
      }
    }
    console.log(
      table(
        ['document', 'bytes', 'answer ms', 'status', 'code', 'answer bytes', 'slowest /healthz ms'],
        rows,
      ),
    );
    console.log(`\n/metrics after 50 requests named with 90 KB each: ${await metricsAfterNameFlood(server)}`);
  } finally {
    await stopServer(server);
  }
}

async function start(databaseUrl: string): Promise<Server> {
  return startServer('dos', (port) => ({
    script: join(__dirname, '../src/main.js'),
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-only-secret-of-at-least-32-characters',
      // One process: /metrics must count every request of the flood.
      WORKERS: '1',
    },
  }));
}

async function attack(server: Server, query: string) {
  const health = `${server.url.replace('/graphql', '')}/healthz`;
  let slowest = 0;
  let attacking = true;
  const probing = (async () => {
    while (attacking) {
      const sent = performance.now();
      try {
        await fetch(health, { signal: AbortSignal.timeout(GIVE_UP_MS) });
      } catch {
        // counted as slow as the wait
      }
      slowest = Math.max(slowest, performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const sent = performance.now();
  try {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(GIVE_UP_MS),
    });
    const text = await response.text();
    const ms = performance.now() - sent;
    attacking = false;
    await probing;
    let code = 'OK';
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code ?? 'OK';
    } catch {
      code = 'not JSON';
    }
    return {
      ms: ms.toFixed(0),
      status: String(response.status),
      code,
      bytes: String(text.length),
      slowestHealthMs: slowest.toFixed(0),
    };
  } catch {
    attacking = false;
    await Promise.race([probing, new Promise((resolve) => setTimeout(resolve, 1000))]);
    return {
      ms: `> ${GIVE_UP_MS}`,
      status: 'gave up',
      code: '-',
      bytes: '-',
      slowestHealthMs: `> ${GIVE_UP_MS}`,
    };
  }
}

async function metricsAfterNameFlood(server: Server): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const name = `Op${i}${'x'.repeat(90 * 1024)}`;
    await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query ${name} { __typename }` }),
    });
  }
  const sent = performance.now();
  const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
  return `${(text.length / 1024).toFixed(0)} KiB, scraped in ${(performance.now() - sent).toFixed(0)} ms`;
}

async function benchDatabase(): Promise<string> {
  const server = loadTestConfig().mysqlUrl;
  const name = 'skillgraph_bench_dos';
  const admin = await createConnection({ uri: server });
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const databaseUrl = await serverFlavourUrl(url.toString());
  const db = await createDataSource({ databaseUrl }).initialize();
  await db.runMigrations({ transaction: 'each' });
  await seedReference(db);
  await seedDemo(db);
  await db.destroy();
  return databaseUrl;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
