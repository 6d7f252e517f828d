import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { Role } from '../src/access/role';
import { globalId } from '../src/common/id';
import { quantiles } from './kernel';
import {
  benchAccount,
  benchToken,
  cpuMs,
  peakRssMiB,
  reportServerErrors,
  startSkillgraph,
  stopServer,
} from './support';

// Ranking over HTTP as a client sees it: the real server (as `npm start` runs it, a child
// process, so its peak RSS is its own) on the synthetic database of `size` candidates, and
// `candidateMatches(first: 20)` with explanations, one posting after another.

const MATCHES = `query Bench($postingId: ID!) {
  candidateMatches(postingId: $postingId, first: 20) {
    totalCount
    edges { node { score meetsAllRequired candidate { id displayName }
      skills { skill { slug } importance minLevel candidateLevel credit via { slug } } } }
  }
}`;

export interface HttpRanking {
  times: { p50: number; p95: number };
  /** the 1-minute load average once the rankings were done */
  load: number;
  /** the server's match index gauges (candidates, entries, bytes, build_seconds) from /metrics */
  index: Record<string, number>;
  /** the server's peak RSS, or null where /proc is missing */
  peakRssMiB: number | null;
  /** the server's CPU time per ranking, in ms: what other work on the machine inflates least */
  cpuMsPerRequest: number;
}

export async function timeHttpRanking(
  db: DataSource,
  server: string,
  size: number,
  postingIds: readonly number[],
  /** the server's environment beyond the bench's own, such as INDEX_SNAPSHOT */
  env: Record<string, string> = {},
): Promise<HttpRanking> {
  const jwtSecret = randomBytes(32).toString('hex');
  const skillgraph = await startSkillgraph(`matching-${size}`, server, size, jwtSecret, [], 1, env);
  try {
    // Ranking candidates is for the posting's company or an admin: ask as an admin.
    const admin = await benchAccount(db, 'matching.admin@bench.example.com', Role.ADMIN);
    const token = await benchToken(db, admin, jwtSecret);
    const ask = async (postingId: number) => {
      const response = await fetch(skillgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MATCHES, variables: { postingId: globalId('JobPosting', postingId) } }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    for (const id of postingIds.slice(0, 5)) await ask(id); // warm up
    const cpuBefore = cpuMs(skillgraph.child.pid!);
    const times = await timeEach(postingIds, ask);
    const cpuMsPerRequest = (cpuMs(skillgraph.child.pid!) - cpuBefore) / postingIds.length;
    return {
      times,
      cpuMsPerRequest,
      load: loadavg()[0],
      index: await matchIndexGauges(skillgraph.url.replace(/graphql$/, 'metrics')),
      peakRssMiB: peakRssMiB(skillgraph.child.pid!),
    };
  } finally {
    await stopServer(skillgraph);
    reportServerErrors(skillgraph.log);
  }
}

/** The match index's gauges (candidates, entries, bytes, build_seconds) from the server's /metrics. */
async function matchIndexGauges(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  return Object.fromEntries(
    [...text.matchAll(/^skillgraph_match_index_(\w+) (\S+)$/gm)].map(([, name, value]) => [
      name,
      Number(value),
    ]),
  );
}

export async function timeEach<T>(items: readonly T[], run: (item: T) => Promise<unknown>) {
  const times: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    times.push(performance.now() - started);
  }
  return quantiles(times);
}
