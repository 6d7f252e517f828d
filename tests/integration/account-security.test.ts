import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { User } from '../../src/account/account.entity';
import { Role } from '../../src/access/role';
import { signToken } from '../../src/account/token';
import { Candidate } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { Config, loadConfig } from '../../src/config';
import { Company } from '../../src/posting/posting.entity';
import { App, createApp } from '../../src/server';
import { listen, postGraphQL, stopApp } from '../helpers/http-app';
import { TEST_JWT_SECRET } from '../helpers/sessions';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { gid, keyOf } from '../helpers/ids';

// Attacks on accounts, tokens, logs and races, replayed over HTTP as a client would send them.

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
      }
      userErrors {
        field
        code
      }
    }
  }
`;
const LOG_IN = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(input: { email: $email, password: $password }) {
      token
      userErrors {
        field
        code
      }
    }
  }
`;
const ME = '{ me { email role } }';
const INVITE = 'mutation { createCompanyInvite { code userErrors { code } } }';
const LOG_OUT = 'mutation { logOut { revoked userErrors { code } } }';
const MY_CANDIDATE = 'query C($id: ID!) { candidate(id: $id) { displayName email } }';

interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  text: string;
}

/** The session id a token carries, read without checking it, as anyone holding the token can. */
const sessionOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
/** The top-level error's code, else the first user error's, else OK. */
const code = (answer: Answer): string =>
  answer.errors?.[0]?.extensions?.code ??
  Object.values(answer.data ?? {}).find((payload) => payload?.userErrors?.length)?.userErrors[0].code ??
  'OK';
const reason = (answer: Answer) => answer.errors?.[0]?.extensions?.reason;

describe('accounts and tokens under attack', () => {
  let db: DataSource;
  const apps: App[] = [];
  const dataDirs: string[] = [];
  let logged: string[];
  let base: string;

  async function start(config: Partial<Config> = {}): Promise<string> {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    const app = await createApp(
      db,
      {
        ...loadConfig({}),
        nodeEnv: 'test',
        jwtSecret: TEST_JWT_SECRET,
        sessionCacheMs: 0,
        authRateLimits: { perIp: 100000, perEmail: 100000 },
        ...config,
      },
      undefined,
      pino({ level: 'info' }, logStream),
    );
    apps.push(app);
    return listen(app);
  }

  async function ask(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    to = base,
  ): Promise<Answer> {
    const response = await postGraphQL(
      to,
      { query, variables },
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    );
    const text = await response.text();
    return { status: response.status, text, ...JSON.parse(text) };
  }

  let counter = 0;
  const signUp = async (input: Record<string, unknown>, to = base) => {
    const password = 'correct horse battery';
    const answer = await ask(
      SIGN_UP,
      { input: { password, displayName: 'Someone', role: 'LEARNER', ...input } },
      undefined,
      to,
    );
    return answer;
  };
  const freshEmail = () => `person${++counter}.${Date.now()}@example.com`;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    logged = [];
    base = await start();
  });
  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    await db?.destroy();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('invite codes', () => {
    it('admit exactly one of 20 parallel sign-ups with one code', async () => {
      const founder = await signUp({ email: freshEmail(), role: 'RECRUITER', companyName: 'Race Co' });
      const invite = await ask(INVITE, {}, founder.data!.signUp.token);
      const attempts = await Promise.all(
        Array.from({ length: 20 }, () =>
          signUp({
            email: freshEmail(),
            role: 'RECRUITER',
            inviteCode: invite.data!.createCompanyInvite.code,
          }),
        ),
      );
      expect(attempts.map(code).sort()).toEqual([...Array(19).fill('INVALID_INVITE'), 'OK']);
      const company = await db.getRepository(Company).findOneByOrFail({ name: 'Race Co' });
      expect(await db.getRepository(User).countBy({ companyId: company.id })).toBe(2);
    });
  });

  describe('e-mails', () => {
    let limited: string;
    beforeAll(async () => {
      limited = await start({ authRateLimits: { perIp: 100000, perEmail: 4 } });
    });

    it('count every spelling of one account against its limit of 4 attempts', async () => {
      const email = freshEmail();
      await signUp({ email }, limited);
      const spellings = [email, ` ${email.toUpperCase()} `, email.replace('person', 'ｐｅｒｓｏｎ')];
      for (const spelling of spellings) {
        expect(
          code(await ask(LOG_IN, { email: spelling, password: 'a wrong guess' }, undefined, limited)),
        ).toBe('INVALID_CREDENTIALS');
      }
      const next = await ask(
        LOG_IN,
        { email: email.replace('person', 'PERSON'), password: 'correct horse battery' },
        undefined,
        limited,
      );
      expect(code(next)).toBe('RATE_LIMITED');
    });

    it('never take an accented spelling for the account without the accent', async () => {
      const email = freshEmail();
      await signUp({ email });
      const accented = email.replace('person', 'pérson');
      const asAccented = await ask(LOG_IN, { email: accented, password: 'correct horse battery' });
      expect(code(asAccented)).toBe('INVALID_CREDENTIALS');
      const own = await signUp({ email: accented.toUpperCase() });
      expect(code(own)).toBe('OK');
      expect(own.data!.signUp.user.email).toBe(accented);
      expect(await db.getRepository(User).countBy({ email })).toBe(1);
    });
  });

  describe('tokens', () => {
    it('stop working when the account is deleted, and follow a role change', async () => {
      const recruiter = await signUp({ email: freshEmail(), role: 'RECRUITER', companyName: 'Changing Co' });
      const token = recruiter.data!.signUp.token;
      expect(code(await ask(INVITE, {}, token))).toBe('OK');
      await db.getRepository(User).update(keyOf(recruiter.data!.signUp.user.id), { role: Role.LEARNER });
      expect(code(await ask(INVITE, {}, token))).toBe('FORBIDDEN');
      expect((await ask(ME, {}, token)).data!.me.role).toBe('LEARNER');
      await db.getRepository(User).delete(keyOf(recruiter.data!.signUp.user.id));
      const after = await ask(ME, {}, token);
      expect([after.status, code(after), reason(after)]).toEqual([401, 'UNAUTHENTICATED', 'TOKEN_REVOKED']);
    });

    it('end with logOut, at once even where sessions are cached, and other sessions go on', async () => {
      const cached = await start({ sessionCacheMs: 5000 });
      const email = freshEmail();
      const first = (await signUp({ email }, cached)).data!.signUp.token;
      const second = (await ask(LOG_IN, { email, password: 'correct horse battery' }, undefined, cached))
        .data!.logIn.token;
      expect((await ask(ME, {}, first, cached)).data!.me.email).toBe(email);
      expect((await ask(LOG_OUT, {}, first, cached)).data).toEqual({
        logOut: { revoked: true, userErrors: [] },
      });
      expect(reason(await ask(ME, {}, first, cached))).toBe('TOKEN_REVOKED');
      expect((await ask(ME, {}, second, cached)).data!.me.email).toBe(email);
      expect(code(await ask(LOG_OUT))).toBe('UNAUTHENTICATED');
    });

    it('that are garbage, forged, expired or without an expiry answer UNAUTHENTICATED with the reason', async () => {
      const email = freshEmail();
      const user = (await signUp({ email })).data!.signUp;
      const sessionId = sessionOf(user.token);
      const claims = { userId: keyOf(user.user.id), sessionId };
      const forged = await signToken(
        claims,
        'skillgraph-development-secret-not-for-production',
        new Date(Date.now() + 60000),
      );
      const expired = await signToken(claims, TEST_JWT_SECRET, new Date(Date.now() - 60000));
      const endless = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(claims.userId))
        .setIssuer('skillgraph')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const cases: [string, string][] = [
        ['garbage', 'TOKEN_INVALID'],
        [forged, 'TOKEN_INVALID'],
        [expired, 'TOKEN_EXPIRED'],
        [endless, 'TOKEN_INVALID'],
      ];
      for (const [token, expected] of cases) {
        const answer = await ask('{ skill(slug: "git") { slug } }', {}, token);
        expect({ token, status: answer.status, code: code(answer), reason: reason(answer) }).toEqual({
          token,
          status: 401,
          code: 'UNAUTHENTICATED',
          reason: expected,
        });
      }
      expect((await ask('{ skill(slug: "git") { slug } }')).data).toEqual({ skill: { slug: 'git' } });
      expect((await ask(ME, {}, user.token)).data!.me.email).toBe(email);
    });

    it('are signed with a secret of the instance, not one from the source, when JWT_SECRET is not set', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'skillgraph-data-'));
      dataDirs.push(dataDir);
      const kept = await start({ nodeEnv: 'development', jwtSecret: null, dataDir });
      const email = freshEmail();
      const user = (await signUp({ email }, kept)).data!.signUp;
      const minted = await signToken(
        { userId: keyOf(user.user.id), sessionId: sessionOf(user.token) },
        'skillgraph-development-secret-not-for-production',
        new Date(Date.now() + 60000),
      );
      expect(reason(await ask(ME, {}, minted, kept))).toBe('TOKEN_INVALID');
      expect((await ask(ME, {}, user.token, kept)).data!.me.email).toBe(email);
    });
  });

  describe('races', () => {
    it('answer parallel sign-ups with one e-mail with one account and the user error TAKEN', async () => {
      const email = freshEmail();
      const attempts = await Promise.all(Array.from({ length: 10 }, () => signUp({ email })));
      expect(attempts.map(code).sort()).toEqual(['OK', ...Array(9).fill('TAKEN')]);
      for (const refused of attempts.filter((a) => code(a) === 'TAKEN')) {
        expect(refused.data!.signUp).toEqual({
          token: null,
          user: null,
          userErrors: [{ field: ['input', 'email'], code: 'TAKEN' }],
        });
      }
      expect(await db.getRepository(User).countBy({ email })).toBe(1);
    });

    it('give a learner signing up with the address of a profile without an account a profile of their own', async () => {
      const email = freshEmail();
      const imported = await db.getRepository(Candidate).save({
        displayName: 'Imported Irene',
        email,
        headline: 'Imported',
        location: 'Porto',
        remote: RemotePolicy.ONSITE,
        yearsExperience: 7,
        openToWork: true,
      });
      const answer = await signUp({ email, displayName: 'New Nadia' });
      expect(code(answer)).toBe('OK');
      const user = await db.getRepository(User).findOneByOrFail({ email });
      expect(user.candidateId).not.toBe(imported.id);
      const token = answer.data!.signUp.token;
      const own = await ask(MY_CANDIDATE, { id: gid('Candidate', user.candidateId!) }, token);
      expect(own.data!.candidate).toEqual({ displayName: 'New Nadia', email });
      expect(
        (await ask(MY_CANDIDATE, { id: gid('Candidate', imported.id) }, token)).data!.candidate,
      ).toBeNull();
      expect(await db.getRepository(Candidate).findOneByOrFail({ id: imported.id })).toMatchObject({
        displayName: 'Imported Irene',
        headline: 'Imported',
      });
    });

    it('never answer a burst of profile and skill edits with an internal error', async () => {
      const token = (await signUp({ email: freshEmail() })).data!.signUp.token;
      const edits = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? ask(
              'mutation S($input: SetMySkillsInput!) { setMySkills(input: $input) { candidate { id } } }',
              { input: { skills: [{ skill: i % 4 === 0 ? 'git' : 'javascript', level: 3 }] } },
              token,
            )
          : ask(
              'mutation P($h: String!) { updateMyProfile(input: { headline: $h }) { candidate { id } } }',
              { h: `h${i}` },
              token,
            ),
      );
      expect((await Promise.all(edits)).map(code)).toEqual(Array(40).fill('OK'));
    });
  });

  describe('what errors and logs tell', () => {
    it('never logs SQL parameters or variables of an unexpected database error, only what identifies it', async () => {
      if (isEmbedded()) return; // a column the server does not know of needs a migrated MySQL schema
      const email = freshEmail();
      logged.length = 0;
      await db.query('ALTER TABLE user_account ADD COLUMN mandatory int NOT NULL');
      let answer: Answer;
      try {
        answer = await ask(SIGN_UP, {
          input: { email, password: 'secret password 123', displayName: 'Leaky Lou', role: 'LEARNER' },
        });
      } finally {
        await db.query('ALTER TABLE user_account DROP COLUMN mandatory');
      }
      expect(code(answer)).toBe('INTERNAL_SERVER_ERROR');
      const errors = logged.filter((line) => line.includes('unexpected error'));
      expect(errors).toHaveLength(1);
      const entry = JSON.parse(errors[0]);
      expect(entry).toMatchObject({ error: { class: 'QueryFailedError', code: 'ER_NO_DEFAULT_FOR_FIELD' } });
      expect(typeof entry.requestId).toBe('string');
      const everything = logged.join('\n');
      for (const secret of [email, 'secret password 123', 'Leaky Lou', 'scrypt$', 'INSERT INTO']) {
        expect(everything).not.toContain(secret);
      }
    });

    it('name the field and the rule of a bad input, never its value or the rest of the input', async () => {
      const password = 'tiny-pw';
      const email = freshEmail();
      const answer = await ask(SIGN_UP, {
        input: { email, password, displayName: 'Val', role: 'LEARNER' },
      });
      expect(answer.data!.signUp).toEqual({
        token: null,
        user: null,
        userErrors: [{ field: ['input', 'password'], code: 'TOO_SHORT' }],
      });
      expect(answer.text).not.toContain(email);
      expect(answer.text).not.toContain(password);
      const missing = await ask(SIGN_UP, {
        input: { email, password: 'a long secret password', role: 'LEARNER' },
      });
      expect(code(missing)).toBe('BAD_USER_INPUT');
      expect(missing.errors![0].message).toContain('displayName');
      expect(missing.text).not.toContain('a long secret password');
      expect(missing.text).not.toContain(email);
    });

    it('name where a bad value was written in the document and the rule it broke, never the value', async () => {
      logged.length = 0;
      const cases: [string, string][] = [
        [
          '{ skills(first: "secret-1") { totalCount } }',
          'Argument "first" of "skills" got an invalid value; Not a valid Int.',
        ],
        [
          '{ jobPostings(filter: "secret-2") { totalCount } }',
          'Argument "filter" of "jobPostings" got an invalid value; Expected a value of type "JobPostingFilter".',
        ],
        [
          '{ jobPostings(filter: { skills: ["git"], seniority: [SECRET_3] }) { totalCount } }',
          'Argument "filter" of "jobPostings" got an invalid value at "filter.seniority[0]"; Not a value of the "Seniority" enum.',
        ],
        [
          '{ skill(slug: "git") @include(if: "secret-4") { slug } }',
          'Argument "if" of "@include" got an invalid value; Not a valid Boolean.',
        ],
        [
          'query($n: Int = "secret-5") { skills(first: $n) { totalCount } }',
          'Variable "$n" has an invalid default value; Not a valid Int.',
        ],
        ['{ jobPosting(id: "secret-6") { id } }', 'id is not an ID this service gave out'],
      ];
      for (const [query, message] of cases) {
        const answer = await ask(query);
        expect(code(answer)).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
        expect(answer.errors!.map((e) => e.message)).toEqual([message]);
        expect(answer.text).not.toContain('secret');
      }
      expect(logged.join('')).not.toContain('secret');
    });

    it('suggest no names in production, and a bad input is no unexpected error', async () => {
      const production = await start({ nodeEnv: 'production' });
      logged.length = 0;
      const badEnum = await ask(
        SIGN_UP,
        { input: { email: freshEmail(), password: 'long enough pw', displayName: 'E', role: 'LEARNR' } },
        undefined,
        production,
      );
      const badField = await ask(
        SIGN_UP,
        {
          input: {
            email: freshEmail(),
            password: 'long enough pw',
            displayName: 'E',
            role: 'LEARNER',
            emali: 'x',
          },
        },
        undefined,
        production,
      );
      for (const answer of [badEnum, badField]) {
        expect(code(answer)).toBe('BAD_USER_INPUT');
        expect(answer.text).not.toMatch(/Did you mean|LEARNER|long enough pw/);
      }
      expect(logged.filter((line) => line.includes('unexpected error'))).toEqual([]);
      expect(badEnum.errors![0].message).toBe(
        'Variable "$input" got an invalid value at "input.role"; Not a value of the "Role" enum.',
      );
    });
  });
});
