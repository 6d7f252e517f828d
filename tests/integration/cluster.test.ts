import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { seedDemo, seedReference } from '../../seeds/load';
import { loadTestConfig } from '../helpers/test-config';
import { Company, JobPosting, PostingSkill, PostingStatus } from '../../src/posting/posting.entity';
import { Skill } from '../../src/skill/skill.entity';
import { buildService, root } from '../helpers/built-service';
import { freePort } from '../helpers/mariadb-instance';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { testLogger } from '../helpers/test-log';
import { gid } from '../helpers/ids';

// WORKERS=2 on MySQL: the built service as an operator starts it, a primary and two worker
// processes sharing one port, driven over HTTP. Outside production every answer names the
// worker that served it (X-Worker-Pid); a kept-alive connection stays with one worker, so a
// test chooses which worker it speaks to by the connection it uses.

const redisMissing = loadTestConfig().redisMissing;

interface Answer {
  status: number;
  pid: number;
  body: { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
}

/**
 * Requests to one worker, over a kept-alive connection. The server closes a connection idle
 * for 5 s; the next request then connects again, and again, until it reaches the same worker.
 */
class Connection {
  private agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /** the worker this connection speaks to: the first that answered it */
  pid = 0;

  constructor(private readonly port: number) {}

  get(path: string): Promise<Answer> {
    return this.send('GET', path);
  }

  graphql(query: string, variables: object = {}, token?: string): Promise<Answer> {
    return this.send('POST', '/graphql', JSON.stringify({ query, variables }), token);
  }

  close(): void {
    this.agent.destroy();
  }

  private async send(method: string, path: string, body?: string, token?: string): Promise<Answer> {
    for (let attempt = 0; this.pid && Object.keys(this.agent.freeSockets).length === 0; attempt++) {
      if (attempt === 10) throw new Error(`no connection reached worker ${this.pid} again`);
      this.agent.destroy();
      this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const probe = await exchange(this.port, this.agent, 'POST', '/graphql', '{"query":"{ __typename }"}');
      if (probe.pid !== this.pid) this.agent.destroy();
    }
    const answer = await exchange(this.port, this.agent, method, path, body, token);
    this.pid ||= answer.pid;
    return answer;
  }
}

function exchange(
  port: number,
  agent: Agent,
  method: string,
  path: string,
  body?: string,
  token?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            pid: Number(response.headers['x-worker-pid']),
            body: JSON.parse(text),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.setTimeout(30_000, () => sent.destroy(new Error(`no answer to ${method} ${path} within 30 s`)));
    sent.end(body);
  });
}

interface Cluster {
  primary: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  /** resolves once the service has printed `text` */
  said(text: string): Promise<void>;
}

/** The built service with WORKERS=2, once its primary says every worker is serving. */
async function startCluster(databaseUrl: string, dataDir: string): Promise<Cluster> {
  const port = await freePort();
  const primary = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      // Without JWT_SECRET, as development allows on MySQL: the primary keeps one in DATA_DIR.
      NODE_ENV: 'development',
      WORKERS: '2',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      AUTH_RATE_PER_EMAIL: '3',
      ...(redisMissing ? {} : { REDIS_URL: loadTestConfig().redisUrl }),
    },
  });
  const log = testLogger('cluster');
  let output = '';
  const read = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) log.info(line);
    output += chunk.toString();
  };
  primary.stdout!.on('data', read);
  primary.stderr!.on('data', read);
  const exited = new Promise<number | null>((resolve) => primary.once('exit', resolve));
  const said = async (text: string) => {
    while (!output.includes(text)) {
      if (primary.exitCode !== null) throw new Error(`the service exited with ${primary.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await said('with 2 worker processes');
  return { primary, port, exited, said };
}

/** Two connections accepted by two different workers. */
async function connectionsToBothWorkers(port: number): Promise<[Connection, Connection]> {
  const first = new Connection(port);
  await first.graphql('{ __typename }');
  for (let attempt = 0; attempt < 10; attempt++) {
    const second = new Connection(port);
    await second.graphql('{ __typename }');
    if (second.pid !== first.pid) return [first, second];
    second.close();
  }
  throw new Error(`every connection reached worker ${first.pid}`);
}

/** Asks `ask` again every 200 ms until `done` holds of its answer, for `seconds` at most. */
async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean, seconds = 20): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const answer = await ask();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const LOG_IN = `mutation LogIn($email: String!, $password: String!) {
  logIn(input: { email: $email, password: $password }) { token }
}`;
const SET_MY_SKILLS = `mutation SetMySkills($input: SetMySkillsInput!) {
  setMySkills(input: $input) { candidate { id } userErrors { code } }
}`;
const CANDIDATE_MATCHES = `query Matches($postingId: ID!) {
  candidateMatches(postingId: $postingId, first: 100) {
    edges { node { candidate { id } skills { skill { slug } candidateLevel } } }
  }
}`;

(isEmbedded() ? describe.skip : describe)('WORKERS=2: a primary and two workers on one port', () => {
  let db: DataSource;
  let databaseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    await buildService();
    db = await createTestDatabase('none', { migrate: false });
    databaseUrl = (db.options as { url: string }).url;
    dataDir = mkdtempSync(join(tmpdir(), 'skillgraph-cluster-'));
  }, 300_000);
  afterAll(async () => {
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates once in the primary, serves from both workers, each ready, and drains them on SIGTERM', async () => {
    const cluster = await startCluster(databaseUrl, dataDir);
    const [a, b] = await connectionsToBothWorkers(cluster.port);
    expect([a.pid, b.pid]).not.toContain(cluster.primary.pid);
    for (const connection of [a, b]) {
      expect(await connection.get('/readyz')).toEqual({
        status: 200,
        pid: connection.pid,
        body: { status: 'ready' },
      });
    }
    const applied = await db.query<{ name: string }[]>('SELECT name FROM migrations');
    const files = readdirSync(join(root, 'migrations')).filter((file) => file.endsWith('.ts'));
    expect(applied).toHaveLength(files.length);

    a.close();
    b.close();
    cluster.primary.kill('SIGTERM');
    expect(await cluster.exited).toBe(0);
    expect([a.pid, b.pid].filter(isRunning)).toEqual([]);
  }, 180_000);

  describe('on the demo data', () => {
    let cluster: Cluster;
    let a: Connection;
    let b: Connection;
    const tokenOf = async (via: Connection, email: string, password: string) =>
      (await via.graphql(LOG_IN, { email, password })).body.data!.logIn.token as string;

    beforeAll(async () => {
      await seedReference(db);
      await seedDemo(db);
      cluster = await startCluster(databaseUrl, dataDir);
      [a, b] = await connectionsToBothWorkers(cluster.port);
    }, 180_000);
    afterAll(async () => {
      a?.close();
      b?.close();
      cluster?.primary.kill('SIGTERM');
      await cluster?.exited;
    });

    it('honours a session opened through one worker in the other: they sign with one secret', async () => {
      const token = await tokenOf(a, 'learner@example.com', 'demo-learner-password');
      expect(await b.graphql('{ me { email } }', {}, token)).toEqual({
        status: 200,
        pid: b.pid,
        body: { data: { me: { email: 'learner@example.com' } } },
      });
    });

    it("shows a learner's new skills, written through one worker, in the other's ranking", async () => {
      const company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
      const posting = await db
        .getRepository(JobPosting)
        .findOneByOrFail({ companyId: company.id, status: PostingStatus.OPEN });
      const wanted = await db.getRepository(PostingSkill).findBy({ postingId: posting.id });
      const slugs = (await db.getRepository(Skill).findBy({ id: In(wanted.map((w) => w.skillId)) })).map(
        (s) => s.slug,
      );
      const learner = await tokenOf(a, 'learner@example.com', 'demo-learner-password');
      const recruiter = await tokenOf(b, 'recruiter@example.com', 'demo-recruiter-password');
      const me = (await a.graphql('{ me { candidate { id } } }', {}, learner)).body.data!.me.candidate.id;
      const levelsOnB = async () => {
        const answer = await b.graphql(
          CANDIDATE_MATCHES,
          { postingId: gid('JobPosting', posting.id) },
          recruiter,
        );
        expect(answer.pid).toBe(b.pid);
        const node = answer.body.data!.candidateMatches.edges.find(
          (edge: { node: { candidate: { id: string } } }) => edge.node.candidate.id === me,
        )?.node;
        return (node?.skills ?? []).map((s: { candidateLevel: number | null }) => s.candidateLevel);
      };
      const everyLevelFive = (levels: (number | null)[]) =>
        levels.length === slugs.length && levels.every((level) => level === 5);
      expect(everyLevelFive(await levelsOnB())).toBe(false);

      const written = await a.graphql(
        SET_MY_SKILLS,
        { input: { skills: slugs.map((skill) => ({ skill, level: 5 })) } },
        learner,
      );
      expect(written).toMatchObject({
        status: 200,
        pid: a.pid,
        body: { data: { setMySkills: { candidate: { id: me }, userErrors: [] } } },
      });
      // Worker b learns of it from its change feed, polling the database.
      expect(await eventually(levelsOnB, everyLevelFive)).toEqual(slugs.map(() => 5));
    }, 60_000);

    (redisMissing ? it.skip : it)(
      'counts log-in attempts for one e-mail across both workers in Redis',
      async () => {
        const attempt = { email: `nobody-${randomUUID()}@example.com`, password: 'not the password' };
        const answers: Answer[] = [];
        for (const via of [a, b, a, b]) answers.push(await via.graphql(LOG_IN, attempt));
        expect(answers.map((answer) => answer.pid)).toEqual([a.pid, b.pid, a.pid, b.pid]);
        // 3 a minute for one e-mail: each worker alone has seen only 2.
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
        expect(answers[3].body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      },
    );

    it('replaces a worker that dies, while the other keeps serving', async () => {
      const dead = a.pid;
      a.close();
      process.kill(dead, 'SIGKILL');
      // A connection the primary hands over before it learns of the death is lost with the
      // worker (Node's cluster): the test connects again only once the primary has said so.
      await cluster.said(`worker ${dead} exited (SIGKILL)`);
      expect((await b.graphql('{ __typename }')).pid).toBe(b.pid);
      const replacement = await eventually(
        async () => {
          const probe = new Connection(cluster.port);
          await probe.get('/readyz');
          probe.close();
          return probe.pid;
        },
        (pid) => pid !== b.pid && pid !== dead,
        120, // a worker starts as the service does: schema, pool, match index
      );
      expect([dead, b.pid]).not.toContain(replacement);
      expect(isRunning(replacement)).toBe(true);
    }, 180_000);
  });
});
