import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { prng } from '../seeds/synthetic';
import { loadConfig, loadTestConfig } from '../src/config';
import { createApp } from '../src/server';
import { Role } from '../src/account/account.entity';
import { signToken } from '../src/account/token';
import { syntheticDatabase, table } from './support';

// npm run bench:matching [-- --sizes 10000,100000,1000000 --postings 50]
// For each size: a MySQL database of synthetic candidates (made once, then reused),
// the real server on a loopback port, and `candidateMatches(first: 20)` with
// explanations over HTTP for random postings, timed next to the straightforward
// GROUP BY ranking query on the same postings, in the same run.

const MATCHES = `query Bench($postingId: ID!) {
  candidateMatches(postingId: $postingId, first: 20) {
    totalCount
    edges { node { score meetsAllRequired candidate { id displayName }
      skills { skill { slug } importance requiredLevel candidateLevel credit via { slug } } } }
  }
}`;

const GROUP_BY = `
  SELECT cs.candidateId, SUM(ps.weight * LEAST(1, cs.level / ps.minLevel)) AS weighted
  FROM posting_skill ps
  JOIN candidate_skill cs ON cs.skillId = ps.skillId
  JOIN candidate c ON c.id = cs.candidateId AND c.openToWork = 1
  WHERE ps.postingId = ?
  GROUP BY cs.candidateId
  ORDER BY weighted DESC, cs.candidateId ASC
  LIMIT 20`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,1000000' },
      postings: { type: 'string', default: '50' },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const samples = Number(values.postings);
  const server = loadTestConfig().mysqlUrl;
  console.log(
    `matching benchmark on ${server.replace(/\/\/[^@]*@/, '//')}, ${samples} random postings per size\n`,
  );
  const rows: string[][] = [];
  for (const size of sizes) {
    const db = await syntheticDatabase(server, size);
    rows.push(await measure(db, size, samples));
    if (size === sizes[sizes.length - 1]) await explainIndexQueries(db);
    await db.destroy();
  }
  console.log(
    '\n' +
      table(
        [
          'candidates',
          'GraphQL p50',
          'GraphQL p95',
          'GROUP BY p50',
          'GROUP BY p95',
          'ratio p50',
          'index build',
          'index memory',
          'peak RSS',
        ],
        rows,
      ),
  );
}

async function measure(db: DataSource, size: number, samples: number): Promise<string[]> {
  const config = { ...loadConfig({}), nodeEnv: 'production' as const };
  const app = await createApp(db, config);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const stats = app.services.matchIndex.stats();
  // Ranking candidates is for the posting's company or an admin: ask as an admin.
  const token = await signToken(
    { userId: 0, role: Role.ADMIN, companyId: null, candidateId: null },
    config.jwtSecret,
    3600,
  );

  const postingIds: number[] = (await db.query('SELECT id FROM job_posting ORDER BY id')).map(
    (r: { id: number }) => Number(r.id),
  );
  const random = prng(size);
  const picked = Array.from({ length: samples }, () => postingIds[Math.floor(random() * postingIds.length)]);

  const ask = async (postingId: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: MATCHES, variables: { postingId: String(postingId) } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  for (const id of picked.slice(0, 5)) await ask(id); // warm up
  const graphql = await timeEach(picked, ask);
  const groupBy = await timeEach(picked, (id) => db.query(GROUP_BY, [id]));
  await app.apollo.stop();
  await app.services.matchIndex.stop();

  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${size} candidates: GraphQL p50 ${ms(graphql.p50)} p95 ${ms(graphql.p95)}; GROUP BY p50 ${ms(groupBy.p50)} p95 ${ms(groupBy.p95)}; ` +
      `${(groupBy.p50 / graphql.p50).toFixed(1)}x; index of ${stats.candidates} candidates, ${stats.skillEntries} entries built in ${ms(stats.buildMs)}, ${(stats.bytes / 2 ** 20).toFixed(1)} MiB; peak RSS ${rssMb.toFixed(0)} MiB`,
  );
  return [
    String(size),
    ms(graphql.p50),
    ms(graphql.p95),
    ms(groupBy.p50),
    ms(groupBy.p95),
    `${(groupBy.p50 / graphql.p50).toFixed(1)}x`,
    ms(stats.buildMs),
    `${(stats.bytes / 2 ** 20).toFixed(1)} MiB`,
    `${rssMb.toFixed(0)} MiB`,
  ];
}

async function timeEach<T>(items: T[], run: (item: T) => Promise<unknown>) {
  const times: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

/** The plans of the two queries that load the index, so a reviewer sees they are range scans. */
async function explainIndexQueries(db: DataSource): Promise<void> {
  const plans = {
    candidates:
      'SELECT id, yearsExperience, openToWork, remote, location, updatedAt FROM candidate WHERE id > 0 ORDER BY id LIMIT 20000',
    'candidate skills':
      'SELECT candidateId, skillId, level FROM candidate_skill WHERE candidateId > 0 AND candidateId <= 20000',
    'change feed':
      "SELECT id, updatedAt FROM candidate WHERE updatedAt >= '2026-01-01' ORDER BY updatedAt LIMIT 10000",
  };
  for (const [name, sql] of Object.entries(plans)) {
    const plan = await db.query(`EXPLAIN ${sql}`);
    console.log(`\nEXPLAIN (${name}): ${sql}`);
    for (const row of plan)
      console.log(
        `  table=${row.table} type=${row.type} key=${row.key} rows=${row.rows} extra=${row.Extra ?? ''}`,
      );
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
