import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { Config, loadConfig } from '../../src/config';
import { LIMITS } from '../../src/limits';
import { CLIENT_STRING_CHARS, OPERATION_LABELS } from '../../src/observability';
import { App, createApp } from '../../src/server';
import {
  EXPENSIVE_PAST_NODE_COUNT,
  fanOut,
  fragmentCycle,
  NESTED_LISTS,
  NESTED_LISTS_IN_FRAGMENTS,
} from '../helpers/attack-documents';
import { createTestApp, listen, postGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase } from '../helpers/test-db';
import { gid } from '../helpers/ids';

// Small requests crafted to freeze the service, run past its limits, or answer 500,
// replayed over HTTP: each is refused before execution with a 4xx and a typed code.

interface Answer {
  status: number;
  code: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, any> }[] };
}

const nested = (levels: number) => {
  // `skill { slug }` is 2 levels; each `parent` adds one
  let selection = 'slug';
  for (let i = 0; i < levels - 2; i++) selection = `parent { ${selection} }`;
  return `{ skill(slug: "django") { ${selection} } }`;
};

describe('denial of service and status codes, over HTTP', () => {
  let db: DataSource;
  const apps: App[] = [];

  async function start(config: Partial<Config> = {}): Promise<string> {
    const app = await createTestApp(db, {
      ...loadConfig({}),
      nodeEnv: 'test',
      jwtSecret: 'dos-test-secret-that-is-long-enough!',
      ...config,
    });
    apps.push(app);
    return listen(app);
  }

  async function ask(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await postGraphQL(base, body, headers);
    const parsed = (await response.json()) as Answer['body'];
    return { status: response.status, code: parsed.errors?.[0]?.extensions?.code ?? 'OK', body: parsed };
  }

  let base: string;
  beforeAll(async () => {
    db = await createTestDatabase('reference');
    base = await start();
  });
  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    await db?.destroy();
  });

  it.each([24, 40])(
    'refuses %i levels of fragments that spread the next one twice, and stays responsive',
    async (levels) => {
      const [answer, health] = await Promise.all([
        ask(base, { query: fanOut(levels) }),
        fetch(`${base}/healthz`),
      ]);
      expect(answer).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(answer.body.errors![0].extensions).toMatchObject({ limit: LIMITS.fields });
      expect(answer.body.data).toBeUndefined();
      expect(health.status).toBe(200);
      expect((await ask(base, { query: '{ skill(slug: "git") { slug } }' })).body).toEqual({
        data: { skill: { slug: 'git' } },
      });
    },
  );

  it('refuses a fan-out with fields in every fragment', async () => {
    const answer = await ask(base, {
      query: fanOut(25, 'skill(slug: "git") { slug name } skills(first: 1) { totalCount }'),
    });
    expect(answer).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  describe('fields sharing a response path, which graphql compares pairwise', () => {
    const copies = (n: number, field: (i: number) => string) =>
      `{ ${Array.from({ length: n }, (_, i) => field(i)).join(' ')} }`;
    const sameField = (n: number) => copies(n, () => 'skill(slug: "git") { slug }');
    const sharingError = { code: 'GRAPHQL_VALIDATION_FAILED', limit: LIMITS.sameResponse };

    it('answers up to the limit of copies of one field, and refuses one more', async () => {
      expect((await ask(base, { query: sameField(LIMITS.sameResponse) })).body).toEqual({
        data: { skill: { slug: 'git' } },
      });
      const over = await ask(base, { query: sameField(LIMITS.sameResponse + 1) });
      expect(over).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(over.body.errors![0].extensions).toEqual({ ...sharingError, sharing: LIMITS.sameResponse + 1 });
    });

    // 500 aliased copies are past the parser's token limit; 400 are not
    it('refuses 500 copies of one field, 400 aliased ones, over POST and GET', async () => {
      const unaliased = sameField(500);
      expect((await ask(base, { query: unaliased })).body.errors![0].extensions).toEqual({
        ...sharingError,
        sharing: 500,
      });
      const aliased = await ask(base, { query: copies(400, (i) => `a${i}: skill(slug: "git") { slug }`) });
      expect(aliased).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(aliased.body.errors![0].message).toBe(
        `Too many aliases: at most ${LIMITS.aliases} per document`,
      );
      const get = await fetch(`${base}/graphql?query=${encodeURIComponent(sameField(100))}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(get.status).toBe(400);
      expect(((await get.json()) as Answer['body']).errors![0].extensions).toMatchObject(sharingError);
    });

    it('counts copies through fragments and at every level below', async () => {
      const twoFragments = `{ ...A ...B } fragment A on Query { ${'skill(slug: "git") { slug } '.repeat(6)} }
        fragment B on Query { ...A }`;
      expect((await ask(base, { query: twoFragments })).body.errors![0].extensions).toEqual({
        ...sharingError,
        sharing: 12,
      });
      // two copies at each of 8 levels: 2^8 `slug` fields answer at one path
      let twice = 'slug';
      for (let level = 0; level < 7; level++) twice = `parent { ${twice} } parent { ${twice} }`;
      const nestedTwice = `{ skill(slug: "django") { ${twice} } skill(slug: "django") { ${twice} } }`;
      expect((await ask(base, { query: nestedTwice })).body.errors![0].extensions).toEqual({
        ...sharingError,
        sharing: 256,
      });
    });

    it("answers graphql's own introspection query", async () => {
      const answer = await ask(base, { query: getIntrospectionQuery() });
      expect(answer).toMatchObject({ status: 200, code: 'OK' });
    });
  });

  it('refuses fragment cycles as validation failures, not a stack overflow', async () => {
    for (const length of [1, 2, 50]) {
      const answer = await ask(base, { query: fragmentCycle(length) });
      expect(answer).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(answer.body.errors!.some((e) => /Cannot spread fragment/.test(e.message))).toBe(true);
    }
  });

  it('enforces the documented depth: 10 levels of fields pass, 11 do not', async () => {
    expect(await ask(base, { query: nested(LIMITS.depth) })).toMatchObject({ status: 200, code: 'OK' });
    const deep = await ask(base, { query: nested(LIMITS.depth + 1) });
    expect(deep).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(deep.body.errors![0].message).toBe('Query depth 11 exceeds the maximum depth of 10');
  });

  it('counts depth through fragments as if they were written out', async () => {
    const query = `{ skill(slug: "django") { ...P } } fragment P on Skill { parent { ...Q } }
      fragment Q on Skill { parent { parent { parent { parent { parent { parent { parent { parent { slug } } } } } } } } }`;
    expect(await ask(base, { query })).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('refuses an operation past the node count of the old estimator as too costly, with a 400', async () => {
    const answer = await ask(base, { query: EXPENSIVE_PAST_NODE_COUNT });
    expect(answer).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(answer.body.errors![0].extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      cost: 86301,
      limit: LIMITS.cost,
    });
    expect(answer.body.data).toBeUndefined();
  });

  it('costs a query written with fragments as the same query written out', async () => {
    const inline = await ask(base, { query: NESTED_LISTS });
    const fragments = await ask(base, { query: NESTED_LISTS_IN_FRAGMENTS });
    expect(inline).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(fragments.body.errors![0].extensions).toEqual(inline.body.errors![0].extensions);
    expect(inline.body.errors![0].extensions!.cost).toBe(86301);
  });

  it('costs a list that a bound on writes caps at its cap of 50, nested ones included', async () => {
    // Postings that each hold 50 skills: 1 + 100 × (edges 1 + node 1 + skills (1 + 50 × skill (1 + parent 1 + children (1 + 4 × 2))))
    const postingSkills = await ask(base, {
      query: `{ jobPostings(first: 100) { edges { node { skills { skill {
        parent { slug } children(first: 4) { edges { node { slug } } } } } } } } }`,
    });
    expect(postingSkills).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(postingSkills.body.errors![0].extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      cost: 55301,
      limit: LIMITS.cost,
    });
    // A posting's 50 skills, and the 50 skills of each one's first 10 courses:
    // 1 + skills (1 + 50 × (skill 1 + courses (1 + 10 × (2 + skills (1 + 50 × (skill 1 + parent 1))))))
    const nestedLists = await ask(base, {
      query: `{ jobPosting(id: "${gid('JobPosting', 1)}") { skills { skill {
        courses(first: 10) { edges { node { skills { skill { parent { slug } } } } } } } } } }`,
    });
    expect(nestedLists.body.errors![0].extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      cost: 51602,
      limit: LIMITS.cost,
    });
    expect(LIMITS.cost).toBe(50000);
  });

  it('costs a document sent again by the variables of each request', async () => {
    const query = `query Nested($n: Int!, $courses: Boolean!) { skills(first: $n) { edges { node {
      children(first: 100) { edges { node { slug courses(first: 5) @include(if: $courses) {
        edges { node { title } } } } } } } } } }`;
    const cost = async (variables: Record<string, unknown>) => {
      const answer = await ask(base, { query, variables });
      return answer.code === 'OK' ? 'fits' : answer.body.errors![0].extensions!.cost;
    };
    // 1 + n × (2 + children (1 + 100 × (2 + courses (1 + 5 × 2)))), courses counted when included
    expect(await cost({ n: 10, courses: true })).toBe('fits');
    expect(await cost({ n: 40, courses: true })).toBe(1 + 40 * (2 + 1 + 100 * (2 + 11)));
    expect(await cost({ n: 100, courses: false })).toBe('fits');
    expect(await cost({ n: 40, courses: true })).toBe(52121);
    expect(await cost({ n: 40, courses: false })).toBe('fits');
  });

  it('answers a variable given null where its argument takes none as a bad input, sent again or not', async () => {
    // A non-null input field with a default takes a nullable variable, and refuses its null.
    const query =
      'query($o: Boolean) { candidateMatches(postingId: "Sm9iUG9zdGluZzo5OTk5OTk=", filter: { openToWork: $o }) { totalCount } }';
    // Past the cost, to the resolver, which finds no such posting here.
    expect((await ask(base, { query, variables: { o: true } })).code).toBe('NOT_FOUND');
    expect(await ask(base, { query, variables: { o: null } })).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
    });
  });

  it('takes a page size given null as absent, sent again or not', async () => {
    const query = 'query($n: Int) { skills(first: $n) { totalCount } }';
    expect((await ask(base, { query, variables: { n: 5 } })).code).toBe('OK');
    expect((await ask(base, { query, variables: { n: null } })).code).toBe('OK');
  });

  it('refuses variables that do not fit the operation before costing or running it', async () => {
    const answer = await ask(base, {
      query: 'query($n: Int!) { skills(first: $n) { totalCount } }',
      variables: { n: 'many' },
    });
    expect(answer).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(answer.body.data).toBeUndefined();
  });

  it('answers a persisted query whose hash does not match its text with a 400 and a code', async () => {
    const answer = await ask(base, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(answer).toMatchObject({ status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' });
  });

  it('charges cost to the address and to the account, so new accounts do not refill it', async () => {
    // 21 per request by the cost model: one fits in an allowance of 30, two do not.
    const url = await start({ costPerMinute: 30, trustProxy: 1 });
    const from = (address: string, token?: string) => ({
      'x-forwarded-for': address,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
    const signUp = async (name: string) => {
      const answer = await ask(
        url,
        {
          query: 'mutation($i: SignUpInput!) { signUp(input: $i) { token } }',
          variables: {
            i: {
              displayName: name,
              email: `${name}@example.com`,
              password: 'long enough password',
              role: 'LEARNER',
            },
          },
        },
        from(`10.0.0.${name.length}`),
      );
      return (answer.body.data as { signUp: { token: string } }).signUp.token;
    };
    const [first, second, third] = [await signUp('ann'), await signUp('bobby'), await signUp('carolyn')];
    const skills = { query: '{ skills(first: 10) { edges { node { slug } } } }' };
    expect((await ask(url, skills, from('10.0.1.1', first))).code).toBe('OK');
    // the address has spent its allowance, whichever account asks
    const sameAddress = await ask(url, skills, from('10.0.1.1', second));
    expect(sameAddress).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // the account has too, from whichever address
    expect(await ask(url, skills, from('10.0.1.2', first))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
    expect((await ask(url, skills, from('10.0.1.3', third))).code).toBe('OK');
  });

  it('keeps a bounded number of short operation labels in /metrics, however many names clients send', async () => {
    const url = await start();
    const longName = (i: number) => `Op${i}_${'x'.repeat(90 * 1024)}`;
    for (let i = 0; i < 50; i++) {
      expect((await ask(url, { query: `query ${longName(i)} { __typename }` })).status).toBe(200);
    }
    for (let i = 0; i < OPERATION_LABELS; i++) await ask(url, { query: `query Short${i} { __typename }` });
    const text = await (await fetch(`${url}/metrics`)).text();
    const labels = new Set(
      [...text.matchAll(/skillgraph_graphql_requests_total\{operation="([^"]*)"/g)].map((m) => m[1]),
    );
    expect(labels.size).toBe(OPERATION_LABELS + 1);
    expect(labels).toContain('other');
    expect(Math.max(...[...labels].map((l) => [...l].length))).toBe(CLIENT_STRING_CHARS);
    expect(text.length).toBeLessThan(512 * 1024);
  });

  it('logs and counts a document refused before validation as any other refused operation', async () => {
    const lines: string[] = [];
    const log = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await createApp(
      db,
      { ...loadConfig({}), nodeEnv: 'test', jwtSecret: 'dos-test-secret-that-is-long-enough!' },
      undefined,
      pino(log),
    );
    apps.push(app);
    const url = await listen(app);
    const response = await postGraphQL(
      url,
      { query: `query TooDeep ${nested(LIMITS.depth + 1)}` },
      { 'x-request-id': 'too-deep-1' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('too-deep-1');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('skillgraph_graphql_requests_total{operation="TooDeep",outcome="rejected"} 1');
    expect(metrics).toContain(
      'skillgraph_graphql_request_duration_seconds_count{operation="TooDeep",outcome="rejected"} 1',
    );
    const logged = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'graphql operation');
    expect(logged).toEqual([
      expect.objectContaining({
        requestId: 'too-deep-1',
        operation: 'TooDeep',
        status: 400,
        statements: 0,
        errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
      }),
    ]);
  });

  it('serves /metrics only with the bearer token when METRICS_TOKEN is set', async () => {
    const url = await start({ metricsToken: 'scrape-me-please' });
    const scrape = (authorization?: string) =>
      fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer scrape-me-pleasE')).status).toBe(401);
    expect((await scrape('Bearer scrape-me-please-and-more')).status).toBe(401);
    const allowed = await scrape('Bearer scrape-me-please');
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('skillgraph_graphql_requests_total');
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});
