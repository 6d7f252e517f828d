import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { prng } from '../seeds/synthetic';
import { loadTestConfig } from '../tests/helpers/test-config';
import { syntheticDatabase, table } from './support';
import { timeEach, timeHttpRanking } from './http-ranking';
import { KernelFigures, RANKING_THREADS, timeKernels, withIndex } from './kernel';

// npm run bench:matching [-- --sizes 10000,100000,1000000 --postings 50 --group-by-postings 50]
// For each size: a MySQL database of synthetic candidates (made once, then reused),
// the real server (as `npm start` runs it, a child process, so its peak RSS is its own)
// on a loopback port, and `candidateMatches(first: 20)` with
// explanations over HTTP for random postings, timed next to the straightforward
// GROUP BY ranking query on the same postings, in the same run. Then the ranking kernel
// alone, in this process, on the same postings: as the server runs it, MaxScore always and
// exhaustive always, side by side, with the share of candidates each scores; then the same
// with a minimum score. The machine is shared: the 1-minute load average is printed beside
// each figure.

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
      // the GROUP BY query takes tens of seconds a posting at 1M candidates: time it on fewer
      'group-by-postings': { type: 'string' },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const samples = Number(values.postings);
  const groupBySamples = Math.min(samples, Number(values['group-by-postings'] ?? samples));
  const server = loadTestConfig().mysqlUrl;
  console.log(
    `matching benchmark on ${server.replace(/\/\/[^@]*@/, '//')}, ${samples} random postings per size (the GROUP BY query on the first ${groupBySamples})\n`,
  );
  const rows: string[][] = [];
  for (const size of sizes) {
    const db = await syntheticDatabase(server, size);
    rows.push(await measure(db, server, size, samples, groupBySamples));
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
          'kernel p50',
          'kernel p95',
          `kernel p50 (${RANKING_THREADS} threads)`,
          `kernel p95 (${RANKING_THREADS} threads)`,
          'MaxScore p50',
          'exhaustive p50',
          'scored (kernel, MaxScore, exhaustive)',
          'GraphQL/kernel p50',
          'load (GraphQL, kernel)',
          'index build',
          'index memory',
          'server peak RSS',
        ],
        rows,
      ),
  );
}

async function measure(
  db: DataSource,
  server: string,
  size: number,
  samples: number,
  groupBySamples: number,
): Promise<string[]> {
  const postingIds: number[] = (await db.query('SELECT id FROM job_posting ORDER BY id')).map(
    (r: { id: number }) => Number(r.id),
  );
  const random = prng(size);
  const picked = Array.from({ length: samples }, () => postingIds[Math.floor(random() * postingIds.length)]);
  const {
    times: graphql,
    load: graphqlLoad,
    index,
    peakRssMiB: rssMb,
  } = await timeHttpRanking(db, server, size, picked);
  const groupBy = await timeEach(picked.slice(0, groupBySamples), (id) => db.query(GROUP_BY, [id]));
  // MaxScore pays when the floor is known before scoring: a minimum score.
  const [kernel, floored] = await withIndex(db, async (index) => [
    await timeKernels(index, db, picked, { openToWorkOnly: true }),
    await timeKernels(index, db, picked, { openToWorkOnly: true, minScore: MIN_SCORE }),
  ]);

  const buildMs = index.build_seconds * 1000;
  const indexMiB = `${(index.bytes / 2 ** 20).toFixed(1)} MiB`;
  const rss = rssMb === null ? 'n/a' : `${rssMb.toFixed(0)} MiB`;
  console.log(
    `${size} candidates: GraphQL p50 ${ms(graphql.p50)} p95 ${ms(graphql.p95)}; GROUP BY p50 ${ms(groupBy.p50)} p95 ${ms(groupBy.p95)}; ` +
      `${(groupBy.p50 / graphql.p50).toFixed(1)}x; kernel ${kernelFigures(kernel)}; with minScore ${MIN_SCORE}: ${kernelFigures(floored)}` +
      `; load ${graphqlLoad.toFixed(2)} during GraphQL, ranking on ${index.ranking_threads} threads; index of ${index.candidates} candidates, ${index.entries} entries built in ${ms(buildMs)}, ${indexMiB}; server peak RSS ${rss}`,
  );
  return [
    String(size),
    ms(graphql.p50),
    ms(graphql.p95),
    ms(groupBy.p50),
    ms(groupBy.p95),
    `${(groupBy.p50 / graphql.p50).toFixed(1)}x`,
    ms(kernel.times.planned.p50),
    ms(kernel.times.planned.p95),
    ms(kernel.times.threaded.p50),
    ms(kernel.times.threaded.p95),
    ms(kernel.times['max-score'].p50),
    ms(kernel.times.exhaustive.p50),
    `${pct(kernel.scored.planned)}, ${pct(kernel.scored['max-score'])}, ${pct(kernel.scored.exhaustive)}`,
    `${(graphql.p50 / kernel.times.planned.p50).toFixed(1)}x`,
    `${graphqlLoad.toFixed(2)}, ${kernel.load.toFixed(2)}`,
    ms(buildMs),
    indexMiB,
    rss,
  ];
}

/** The plans of the two queries that load the index, so a reviewer sees they are range scans. */
async function explainIndexQueries(db: DataSource): Promise<void> {
  const plans = {
    candidates:
      'SELECT id, yearsExperience, openToWork, remote, location, updatedAt FROM candidate WHERE id > 0 ORDER BY id LIMIT 5000',
    'candidate skills':
      'SELECT candidateId, skillId, level FROM candidate_skill WHERE candidateId > 0 AND candidateId <= 5000',
    'change feed, window size':
      "SELECT COUNT(*), MAX(updatedAt) FROM candidate WHERE updatedAt >= '2026-01-01'",
    'change feed, window rows':
      "SELECT id, updatedAt FROM candidate WHERE updatedAt >= '2026-01-01' ORDER BY updatedAt, id LIMIT 5000 OFFSET 0",
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

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
const MIN_SCORE = 0.7;

/** p50 and p95 of the kernel as the server runs it, MaxScore and exhaustive; the share each scores; the load. */
function kernelFigures({ times, scored, load, threads }: KernelFigures): string {
  return (
    `p50 ${ms(times.planned.p50)} p95 ${ms(times.planned.p95)} (on ${threads} threads p50 ${ms(times.threaded.p50)} p95 ${ms(times.threaded.p95)}; MaxScore p50 ${ms(times['max-score'].p50)}, ` +
    `exhaustive p50 ${ms(times.exhaustive.p50)}), scored ${pct(scored.planned)} (MaxScore ${pct(scored['max-score'])}, ` +
    `exhaustive ${pct(scored.exhaustive)}), load ${load.toFixed(2)}`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
