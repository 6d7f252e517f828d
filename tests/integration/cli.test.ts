import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { buildService, root } from '../helpers/built-service';
import { jestWorkerId, loadTestConfig } from '../helpers/test-config';
import { isEmbedded } from '../helpers/test-db';
import { keyOf } from '../helpers/ids';

// The built commands, run as a person runs them, against MySQL: what they print, their exit
// status, and what they leave in the database.

const config = loadTestConfig();
const databaseName = `${config.databasePrefix}_cli_${jestWorkerId()}_${process.pid % 100000}`;
const databaseUrl = (() => {
  const url = new URL(config.mysqlUrl);
  url.pathname = `/${databaseName}`;
  return url.href;
})();
const secret = 'cli-test-secret-of-at-least-32-characters';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** every non-empty line printed, on either stream */
  lines: string[];
}

function run(script: string, args: string[], env: Record<string, string> = {}, input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/src', script), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', JWT_SECRET: secret, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, lines: `${stdout}\n${stderr}`.split('\n').filter((l) => l.trim()) }),
    );
    child.stdin.end(input);
  });
}

const userCreate = (args: string[], env: Record<string, string> = {}, input = '') =>
  run('cli/user-create.js', args, { DATABASE_URL: databaseUrl, ...env }, input);

const password = { SKILLGRAPH_PASSWORD: 'a long enough password' };

(isEmbedded() ? describe.skip : describe)('the command line and start-up, against MySQL', () => {
  let admin: Awaited<ReturnType<typeof createConnection>>;

  const accounts = async (email: string) =>
    (
      await admin.query<RowDataPacket[]>(
        `SELECT u.role, u.candidateId, c.name AS company FROM ${databaseName}.user_account u
         LEFT JOIN ${databaseName}.company c ON c.id = u.companyId WHERE u.email = ?`,
        [email],
      )
    )[0];

  beforeAll(async () => {
    await buildService();
    admin = await createConnection({ uri: config.mysqlUrl });
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName}`);
  }, 300_000);
  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS ${databaseName}`);
    await admin?.end();
  });

  it('db:migrate creates the database when the server lacks it, then migrates it', async () => {
    const migrated = await run('cli/db.js', ['migrate'], { DATABASE_URL: databaseUrl });
    expect(migrated.status).toBe(0);
    expect(migrated.lines[0]).toBe(`created database ${databaseName}`);
    expect(migrated.lines.slice(1).every((line) => line.startsWith('applied '))).toBe(true);
    const again = await run('cli/db.js', ['migrate'], { DATABASE_URL: databaseUrl });
    expect(again.lines).toEqual(['no pending migrations']);
  }, 120_000);

  it('user:create explains itself with --help and requires a role', async () => {
    const help = await userCreate(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(
      /^usage: npm run user:create -- --email EMAIL --role ADMIN\|RECRUITER\|LEARNER/,
    );
    const noRole = await userCreate(['--email', 'nobody@example.com'], password);
    expect(noRole).toMatchObject({ status: 1, lines: [expect.stringMatching(/--role must be/)] });
    expect(await accounts('nobody@example.com')).toEqual([]);
  }, 60_000);

  it('user:create gives a learner a profile and a recruiter a company, as sign-up does', async () => {
    const learner = await userCreate(
      ['--email', 'Ada@Example.com', '--role', 'LEARNER', '--name', 'Ada'],
      password,
    );
    expect(learner.status).toBe(0);
    expect(learner.lines).toEqual([
      expect.stringMatching(/^created LEARNER ada@example.com \(user \S+, candidate profile \S+\)$/),
    ]);
    // The ids printed are the ones the API knows the account and its profile by.
    const [, userId, candidateId] = /\(user (\S+), candidate profile (\S+)\)$/.exec(learner.lines[0])!;
    expect(keyOf(userId)).toBeGreaterThan(0);
    expect(await accounts('ada@example.com')).toEqual([
      { role: 'LEARNER', candidateId: keyOf(candidateId), company: null },
    ]);

    const recruiter = await userCreate(
      ['--email', 'rita@example.com', '--role', 'RECRUITER', '--company', 'Rita Ltd'],
      password,
    );
    expect(recruiter.status).toBe(0);
    expect(await accounts('rita@example.com')).toEqual([
      { role: 'RECRUITER', candidateId: null, company: 'Rita Ltd' },
    ]);

    const noCompany = await userCreate(['--email', 'rob@example.com', '--role', 'RECRUITER'], password);
    expect(noCompany).toMatchObject({
      status: 1,
      lines: ['user:create: a RECRUITER needs --company NAME; nothing was created'],
    });
  }, 120_000);

  it('user:create reads the password from standard input and creates nothing when it is closed', async () => {
    const piped = await userCreate(
      ['--email', 'pipe@example.com', '--role', 'ADMIN'],
      {},
      'a long piped password\n',
    );
    expect(piped.status).toBe(0);
    expect(piped.stdout).not.toContain('a long piped password');
    expect(await accounts('pipe@example.com')).toEqual([{ role: 'ADMIN', candidateId: null, company: null }]);

    const closed = await userCreate(['--email', 'closed@example.com', '--role', 'ADMIN']);
    expect(closed).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/^user:create: no password: .*nothing was created$/)],
    });
    expect(await accounts('closed@example.com')).toEqual([]);
  }, 120_000);

  it('user:create refuses a duplicate or malformed e-mail in one line, creating nothing', async () => {
    const duplicate = await userCreate(['--email', 'ADA@example.com', '--role', 'LEARNER'], password);
    expect(duplicate).toMatchObject({
      status: 1,
      lines: ['user:create: email: an account with this e-mail address already exists; nothing was created'],
    });
    const malformed = await userCreate(['--email', 'not-an-address', '--role', 'LEARNER'], password);
    expect(malformed).toMatchObject({
      status: 1,
      lines: [expect.stringMatching(/^user:create: email must be an email/)],
    });
    expect(await accounts('not-an-address')).toEqual([]);
    const [[{ n }]] = await admin.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n FROM ${databaseName}.candidate`,
    );
    expect(n).toBe(1); // Ada's alone
  }, 120_000);

  it.each([
    ['db:migrate', 'cli/db.js', ['migrate']],
    ['db:revert', 'cli/db.js', ['revert']],
    ['db:seed', 'cli/db.js', ['seed', '--demo']],
    ['user:create', 'cli/user-create.js', ['--email', 'set@example.com', '--role', 'LEARNER']],
    ['import', 'cli/import.js', ['package.json']],
    ['seed:synthetic', 'cli/seed-synthetic.js', []],
    ['taxonomy:import', 'cli/taxonomy-import.js', []],
  ])(
    '%s names a bad setting in one line, exits non-zero and changes nothing',
    async (_name, script, args) => {
      const ran = await run(script, args, { DATABASE_URL: 'not a url', ...password });
      expect(ran.status).not.toBe(0);
      expect(ran.lines).toEqual([
        expect.stringMatching(
          /Configuration error: DATABASE_URL must be a URL like mysql:\/\/user:pass@host:3306\/db/,
        ),
      ]);
    },
    60_000,
  );

  describe('a bad setting stops the service with one line naming it', () => {
    let busy: Server;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

    it.each([
      [
        'PORT=abc',
        { PORT: 'abc' },
        /^Configuration error: PORT must be a port number between 1 and 65535, got "abc"$/,
      ],
      [
        'WORKERS=abc',
        { WORKERS: 'abc' },
        /^Configuration error: WORKERS must be a whole number from 1 to 256, got "abc"$/,
      ],
      [
        'WORKERS=0',
        { WORKERS: '0' },
        /^Configuration error: WORKERS must be a whole number from 1 to 256, got "0"$/,
      ],
      [
        'an unparsable DATABASE_URL',
        { DATABASE_URL: 'not a url' },
        /^Configuration error: DATABASE_URL must be a URL/,
      ],
      [
        'a DATABASE_URL the server refuses',
        { DATABASE_URL: databaseUrl.replace('//root@', '//nobody:wrong-password@') },
        /^Cannot start: cannot open DATABASE_URL mysql:\/\/nobody:\*\*\*@.*ER_ACCESS_DENIED/,
      ],
    ])(
      '%s',
      async (_name, env, line) => {
        const started = await run('main.js', [], { DATABASE_URL: databaseUrl, ...env });
        expect(started.status).toBe(1);
        expect(started.lines).toEqual([expect.stringMatching(line)]);
        expect(started.stderr).not.toContain('wrong-password');
      },
      120_000,
    );

    // With workers, each fails to listen and the primary says so once for them all.
    it.each(['1', '2'])(
      'a port already in use, with WORKERS=%s',
      async (workers) => {
        const port = (busy.address() as { port: number }).port;
        const started = await run('main.js', [], {
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          WORKERS: workers,
        });
        expect(started.status).toBe(1);
        expect(started.lines).toEqual([`Cannot start: PORT ${port} is already in use on 127.0.0.1`]);
      },
      180_000,
    );
  });
});
