import { DataSource } from 'typeorm';
import { CompanyInvite, User, UserSession } from '../../src/account/account.entity';
import { Viewer } from '../../src/access/viewer';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Company, JobPosting } from '../../src/posting/posting.entity';
import { Skill, SkillAlias } from '../../src/skill/skill.entity';
import { gid } from '../helpers/ids';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';

// The account, taxonomy, text and import mutations answer one payload: what a person can fix
// comes back as `userErrors` (a field path from `input`, a code, a message naming the field
// and the rule but never the value) with `data` present and nothing written; who may call
// them stays a top-level error.

const USER_ERRORS = 'userErrors { field code message }';
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { email role } ${USER_ERRORS} } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token user { email } ${USER_ERRORS} } }`;
const LOG_OUT = `mutation { logOut { revoked ${USER_ERRORS} } }`;
const INVITE = `mutation { createCompanyInvite { code expiresAt ${USER_ERRORS} } }`;
const CREATE_SKILL = `mutation($input: CreateSkillInput!) { createSkill(input: $input) { skill { slug } ${USER_ERRORS} } }`;
const UPDATE_SKILL = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { slug } ${USER_ERRORS} } }`;
const ADD_ALIAS = `mutation($input: AddSkillAliasInput!) { addSkillAlias(input: $input) { skill { slug } ${USER_ERRORS} } }`;
const REMOVE_ALIAS = `mutation($input: RemoveSkillAliasInput!) { removeSkillAlias(input: $input) { skill { slug } ${USER_ERRORS} } }`;
const FROM_TEXT = `mutation($input: SetMySkillsFromTextInput!) {
  setMySkillsFromText(input: $input) { saved skills { skill { slug } } candidate { id } taxonomyVersion ${USER_ERRORS} }
}`;
const IMPORT = `mutation($input: ImportRecordsInput!) { importRecords(input: $input) { report { created } ${USER_ERRORS} } }`;

interface UserError {
  field: string[] | null;
  code: string;
  message: string;
}

const PASSWORD = 'a secret password 7';

describe('mutations answer a payload with userErrors', () => {
  let db: DataSource;
  let server: TestServer;

  /** Every row these mutations write, to show that a refusal writes none. */
  const snapshot = async () => ({
    users: await db.getRepository(User).find({ order: { id: 'ASC' } }),
    sessions: await db.getRepository(UserSession).count(),
    companies: await db.getRepository(Company).find({ order: { id: 'ASC' } }),
    invites: await db.getRepository(CompanyInvite).find({ order: { id: 'ASC' } }),
    candidates: await db.getRepository(Candidate).find({ order: { id: 'ASC' } }),
    candidateSkills: await db
      .getRepository(CandidateSkill)
      .find({ order: { candidateId: 'ASC', skillId: 'ASC' } }),
    skills: await db.getRepository(Skill).find({ order: { id: 'ASC' } }),
    aliases: await db.getRepository(SkillAlias).find({ order: { id: 'ASC' } }),
    postings: await db.getRepository(JobPosting).count(),
  });

  /** Runs a refused mutation: its payload's objects are null, its userErrors say why, and nothing changed. */
  async function refused(
    document: string,
    variables: Record<string, unknown>,
    viewer: Viewer | null = null,
  ): Promise<{ payload: Record<string, unknown>; userErrors: UserError[]; text: string }> {
    const before = await snapshot();
    const result = await server.execute(document, variables, viewer);
    expect(result.errors).toBeUndefined();
    const [payload] = Object.values(result.data!) as Record<string, unknown>[];
    const userErrors = payload.userErrors as UserError[];
    expect(userErrors.length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(payload)) if (key !== 'userErrors') expect(value).toBeNull();
    expect(await snapshot()).toEqual(before);
    return { payload, userErrors, text: JSON.stringify(result) };
  }

  const fieldsAndCodes = (errors: UserError[]) => errors.map(({ field, code }) => ({ field, code }));

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  describe('signUp', () => {
    const base = {
      email: 'payload.person@example.com',
      password: PASSWORD,
      displayName: 'Payload Person',
      role: 'RECRUITER',
      companyName: 'Payload Co',
    };

    it.each<[string, Record<string, unknown>, string[], string]>([
      ['a malformed e-mail', { email: 'not-an-email' }, ['input', 'email'], 'INVALID_FORMAT'],
      ['a short password', { password: 'tiny-pw' }, ['input', 'password'], 'TOO_SHORT'],
      ['an overlong password', { password: 'p'.repeat(201) }, ['input', 'password'], 'TOO_LONG'],
      ['an administrator', { role: 'ADMIN' }, ['input', 'role'], 'INVALID'],
      ['an existing company', { companyName: 'Quarry Lane Software' }, ['input', 'companyName'], 'TAKEN'],
      ['a recruiter without a company', { companyName: null }, ['input', 'companyName'], 'REQUIRED'],
      [
        'an unknown invitation code',
        { companyName: null, inviteCode: 'made-up-code' },
        ['input', 'inviteCode'],
        'INVALID_INVITE',
      ],
      ['an e-mail taken', { email: 'recruiter@example.com' }, ['input', 'email'], 'TAKEN'],
    ])('refuses %s at its field, creating nothing', async (_case, change, field, code) => {
      const input = { ...base, ...change };
      const { userErrors, text } = await refused(SIGN_UP, { input });
      expect(fieldsAndCodes(userErrors)).toEqual([{ field, code }]);
      expect(userErrors[0].message.startsWith(`${field.slice(1).join('.')}: `)).toBe(true);
      for (const value of Object.values(input)) {
        if (typeof value === 'string' && value !== 'RECRUITER' && value !== 'ADMIN')
          expect(text).not.toContain(value);
      }
    });

    it('lists every broken rule at once', async () => {
      const { userErrors } = await refused(SIGN_UP, {
        input: { ...base, email: 'nope', password: 'tiny-pw', displayName: '' },
      });
      expect(fieldsAndCodes(userErrors)).toEqual(
        expect.arrayContaining([
          { field: ['input', 'email'], code: 'INVALID_FORMAT' },
          { field: ['input', 'password'], code: 'TOO_SHORT' },
          { field: ['input', 'displayName'], code: 'TOO_SHORT' },
        ]),
      );
    });

    it('never answers the password, whatever is wrong with the input', async () => {
      const answers = [
        // a rule of the password, of another field, and a missing or mistyped field
        await server.execute(SIGN_UP, { input: { ...base, password: 'short-pw' } }),
        await server.execute(SIGN_UP, { input: { ...base, email: 'nope' } }),
        await server.execute(SIGN_UP, { input: { email: base.email, password: PASSWORD, role: 'LEARNER' } }),
        await server.execute(SIGN_UP, { input: { ...base, role: 'OVERLORD' } }),
        await server.execute(SIGN_UP, { input: { ...base, displayName: 42 } }),
        await server.execute(LOG_IN, { input: { email: 'learner@example.com', password: PASSWORD } }),
      ];
      for (const answer of answers) {
        const text = JSON.stringify(answer);
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('short-pw');
        expect(text).not.toContain('validationErrors');
      }
      expect(answers[0].data!.signUp.userErrors).toEqual([
        {
          field: ['input', 'password'],
          code: 'TOO_SHORT',
          message: 'password: password must be longer than or equal to 10 characters',
        },
      ]);
    });

    it('answers a new account with its token and no user errors', async () => {
      const { data, errors } = await server.execute(SIGN_UP, {
        input: { ...base, email: 'fresh.payload@example.com', role: 'LEARNER', companyName: null },
      });
      expect(errors).toBeUndefined();
      expect(data!.signUp).toEqual({
        token: expect.any(String),
        user: { email: 'fresh.payload@example.com', role: 'LEARNER' },
        userErrors: [],
      });
    });
  });

  describe('logIn and logOut', () => {
    it('answers a wrong password as INVALID_CREDENTIALS with data, for the input as a whole', async () => {
      const { userErrors } = await refused(LOG_IN, {
        input: { email: 'learner@example.com', password: 'not the password' },
      });
      expect(userErrors).toEqual([
        { field: null, code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' },
      ]);
    });

    it('refuses an overlong e-mail at its field, before any attempt', async () => {
      const { userErrors } = await refused(LOG_IN, {
        input: { email: `${'a'.repeat(250)}@x.io`, password: 'x' },
      });
      expect(fieldsAndCodes(userErrors)).toEqual([{ field: ['input', 'email'], code: 'TOO_LONG' }]);
    });

    it('logs in, and logOut revokes that session only', async () => {
      const logIn = () =>
        server.execute(LOG_IN, {
          input: { email: 'learner@example.com', password: 'demo-learner-password' },
        });
      const first = await logIn();
      const second = await logIn();
      expect(first.data!.logIn).toEqual({
        token: expect.any(String),
        user: { email: 'learner@example.com' },
        userErrors: [],
      });
      const viewer = await server.services.accounts.sessions.viewerFor(first.data!.logIn.token);
      const out = await server.execute(LOG_OUT, {}, viewer);
      expect(out).toEqual({ data: { logOut: { revoked: true, userErrors: [] } } });
      await expect(server.services.accounts.sessions.viewerFor(first.data!.logIn.token)).rejects.toThrow(
        'TOKEN_REVOKED',
      );
      await expect(
        server.services.accounts.sessions.viewerFor(second.data!.logIn.token),
      ).resolves.toMatchObject({
        role: 'LEARNER',
      });
    });

    it('keeps an anonymous logOut a top-level UNAUTHENTICATED', async () => {
      const { data, errors } = await server.execute(LOG_OUT);
      expect(data).toBeNull();
      expect(errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('createCompanyInvite', () => {
    it('answers a code and when it expires, to recruiters only', async () => {
      const company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
      const recruiter = await db.getRepository(User).findOneByOrFail({ email: 'recruiter@example.com' });
      const viewer: Viewer = { ...recruiterOf(company.id), userId: recruiter.id };
      const { data } = await server.execute(INVITE, {}, viewer);
      expect(data!.createCompanyInvite).toEqual({
        code: expect.stringMatching(/^[\w-]{24}$/),
        expiresAt: expect.any(String),
        userErrors: [],
      });
      const stored = await db
        .getRepository(CompanyInvite)
        .findOneByOrFail({ code: data!.createCompanyInvite.code });
      expect(stored.expiresAt.toISOString()).toBe(data!.createCompanyInvite.expiresAt);
      const learner = await server.execute(INVITE, {}, learnerAs(1));
      expect(learner.errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  describe('the skill mutations', () => {
    it.each<[string, string, Record<string, unknown>, string[], string]>([
      [
        'a slug already taken',
        CREATE_SKILL,
        { slug: 'python', name: 'Python again', category: 'LANGUAGE' },
        ['input', 'slug'],
        'TAKEN',
      ],
      [
        'a slug that is an alias',
        CREATE_SKILL,
        { slug: 'js', name: 'JS', category: 'LANGUAGE' },
        ['input', 'slug'],
        'TAKEN',
      ],
      [
        'a malformed slug',
        CREATE_SKILL,
        { slug: 'Not A Slug', name: 'x', category: 'LANGUAGE' },
        ['input', 'slug'],
        'INVALID_FORMAT',
      ],
      [
        'an unknown parent',
        CREATE_SKILL,
        { slug: 'zorbscript', name: 'Zorbscript', category: 'LANGUAGE', parent: 'pythn' },
        ['input', 'parent'],
        'UNKNOWN_SKILL',
      ],
      [
        'an unknown skill to update',
        UPDATE_SKILL,
        { skill: 'klingon', name: 'Klingon' },
        ['input', 'skill'],
        'UNKNOWN_SKILL',
      ],
      [
        'a cycle in the hierarchy',
        UPDATE_SKILL,
        { skill: 'python', parent: 'django-rest-framework' },
        ['input', 'parent'],
        'INVALID',
      ],
      [
        'an overlong name',
        UPDATE_SKILL,
        { skill: 'python', name: 'n'.repeat(121) },
        ['input', 'name'],
        'TOO_LONG',
      ],
      [
        'an alias that names another skill',
        ADD_ALIAS,
        { skill: 'python', alias: 'JavaScript' },
        ['input', 'alias'],
        'TAKEN',
      ],
      [
        'an alias of spaces only',
        ADD_ALIAS,
        { skill: 'python', alias: '   ' },
        ['input', 'alias'],
        'TOO_SHORT',
      ],
      [
        'an alias for an unknown skill',
        ADD_ALIAS,
        { skill: 'klingon', alias: 'tlhIngan' },
        ['input', 'skill'],
        'UNKNOWN_SKILL',
      ],
      [
        'an unknown alias to remove',
        REMOVE_ALIAS,
        { alias: 'no-such-alias' },
        ['input', 'alias'],
        'UNKNOWN_SKILL',
      ],
      ['a slug to remove as an alias', REMOVE_ALIAS, { alias: 'python' }, ['input', 'alias'], 'INVALID'],
    ])('refuses %s at its field, changing nothing', async (_case, document, input, field, code) => {
      const { userErrors, text } = await refused(document, { input }, ADMIN);
      expect(fieldsAndCodes(userErrors)).toEqual([{ field, code }]);
      expect(userErrors[0].message.startsWith(`${field.slice(1).join('.')}: `)).toBe(true);
      // The value given is never answered back (a suggestion names a known slug instead).
      for (const value of Object.values(input)) {
        if (typeof value === 'string' && !['python', 'LANGUAGE'].includes(value) && value.trim().length > 2) {
          expect(text).not.toContain(value);
        }
      }
    });

    it('suggests the closest known skill for an unknown name', async () => {
      const { userErrors } = await refused(
        CREATE_SKILL,
        { input: { slug: 'zorbscript', name: 'Zorbscript', category: 'LANGUAGE', parent: 'pythn' } },
        ADMIN,
      );
      expect(userErrors[0].message).toBe('parent: no skill is named so; did you mean “python”?');
    });

    it('keeps who may curate the taxonomy a top-level FORBIDDEN', async () => {
      const input = { slug: 'zorblang', name: 'Zorblang', category: 'LANGUAGE' };
      const { data, errors } = await server.execute(CREATE_SKILL, { input }, recruiterOf(1));
      expect(data).toBeNull();
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    });

    it('creates, aliases, updates and unaliases with empty userErrors', async () => {
      const steps = [
        await server.execute(
          CREATE_SKILL,
          { input: { slug: 'payloadql', name: 'PayloadQL', category: 'LANGUAGE' } },
          ADMIN,
        ),
        await server.execute(ADD_ALIAS, { input: { skill: 'payloadql', alias: 'PQL' } }, ADMIN),
        await server.execute(UPDATE_SKILL, { input: { skill: 'pql', parent: 'sql' } }, ADMIN),
        await server.execute(REMOVE_ALIAS, { input: { alias: 'pql' } }, ADMIN),
      ];
      expect(steps.map((s) => Object.values(s.data!)[0])).toEqual(
        Array(4).fill({ skill: { slug: 'payloadql' }, userErrors: [] }),
      );
    });
  });

  describe('setMySkillsFromText', () => {
    it('refuses an overlong text at its field, saving nothing', async () => {
      const learner = await db
        .getRepository(Candidate)
        .findOneByOrFail({ email: 'chloe.dubois@example.com' });
      const { userErrors } = await refused(
        FROM_TEXT,
        { input: { text: 'Java '.repeat(20_001) } },
        learnerAs(learner.id),
      );
      expect(fieldsAndCodes(userErrors)).toEqual([{ field: ['input', 'text'], code: 'TOO_LONG' }]);
    });

    it('answers the proposal with empty userErrors, and stays for learners', async () => {
      const learner = await db
        .getRepository(Candidate)
        .findOneByOrFail({ email: 'chloe.dubois@example.com' });
      const dry = await server.execute(
        FROM_TEXT,
        { input: { text: 'Java and Kotlin', dryRun: true } },
        learnerAs(learner.id),
      );
      const { skills, ...rest } = dry.data!.setMySkillsFromText;
      expect(rest).toEqual({
        saved: false,
        candidate: { id: gid('Candidate', learner.id) },
        taxonomyVersion: expect.any(String),
        userErrors: [],
      });
      expect(skills.map((s: { skill: { slug: string } }) => s.skill.slug).sort()).toEqual(['java', 'kotlin']);
      const recruiter = await server.execute(FROM_TEXT, { input: { text: 'Java' } }, recruiterOf(1));
      expect(recruiter.errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  describe('importRecords', () => {
    it('refuses data over 5 MiB at its field, importing nothing', async () => {
      // Under 5 Mi characters, over 5 MiB in UTF-8: the byte count is what is bounded.
      const data = JSON.stringify({
        type: 'candidate',
        externalId: 'BIG-1',
        displayName: 'é'.repeat(2_700_000),
      });
      const { userErrors, payload } = await refused(
        IMPORT,
        { input: { type: 'CANDIDATE', format: 'JSONL', data } },
        ADMIN,
      );
      expect(payload.report).toBeNull();
      expect(fieldsAndCodes(userErrors)).toEqual([{ field: ['input', 'data'], code: 'TOO_LONG' }]);
    });

    it('keeps the report, and rows it refuses, under report', async () => {
      const data =
        '{"type":"candidate","externalId":"P-1","displayName":"Pay Load","email":"pay.load@example.com"}';
      const result = await server.execute(
        IMPORT,
        { input: { type: 'CANDIDATE', format: 'JSONL', data, dryRun: true } },
        ADMIN,
      );
      expect(result.data!.importRecords).toEqual({ report: { created: 1 }, userErrors: [] });
    });

    it('keeps who may import a top-level FORBIDDEN', async () => {
      const input = { type: 'CANDIDATE', format: 'JSONL', data: '' };
      const { data, errors } = await server.execute(IMPORT, { input }, recruiterOf(1));
      expect(data).toBeNull();
      expect(errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });
});
