import { DataSource } from 'typeorm';
import { User } from '../../src/account/account.entity';
import { Viewer } from '../../src/access/viewer';
import { Candidate } from '../../src/candidate/candidate.entity';
import { Company, JobPosting } from '../../src/posting/posting.entity';
import { demoAccounts } from '../../seeds/demo/accounts';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';
import { gid, keyOf } from '../helpers/ids';

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        displayName
        role
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
      user {
        email
      }
      userErrors {
        code
        message
      }
    }
  }
`;
const ME = /* GraphQL */ `
  {
    me {
      email
      role
    }
  }
`;
const INVITE = /* GraphQL */ `
  mutation {
    createCompanyInvite {
      code
      expiresAt
    }
  }
`;
const CANDIDATE = /* GraphQL */ `
  query Candidate($id: ID!) {
    candidate(id: $id) {
      displayName
      email
    }
  }
`;
const CANDIDATES = /* GraphQL */ `
  {
    candidates(first: 100) {
      totalCount
      edges {
        node {
          id
          email
          openToWork
        }
      }
    }
  }
`;
const MATCHES = /* GraphQL */ `
  query M($postingId: ID!) {
    candidateMatches(postingId: $postingId, first: 1) {
      totalCount
    }
  }
`;
const POSTING_MATCHES = /* GraphQL */ `
  query P($candidateId: ID!) {
    postingMatches(candidateId: $candidateId, first: 1) {
      totalCount
    }
  }
`;
const GAP = /* GraphQL */ `
  query G($postingId: ID!, $candidateId: ID!) {
    skillGap(postingId: $postingId, candidateId: $candidateId) {
      score
    }
  }
`;
const PATH = /* GraphQL */ `
  query L($postingId: ID!, $candidateId: ID) {
    learningPath(postingId: $postingId, candidateId: $candidateId) {
      coverage
    }
  }
`;

const code = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code ?? 'OK';

describe('accounts', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  const viewerOf = (token: string) => server.services.accounts.sessions.viewerFor(token);

  it('signs a learner up with an empty profile, logs them in and tells them who they are', async () => {
    const input = {
      email: 'New.Learner@example.com',
      password: 'correct horse battery',
      displayName: 'New Learner',
      role: 'LEARNER',
    };
    const { data, errors }: any = await server.execute(SIGN_UP, { input });
    expect(errors).toBeUndefined();
    expect(data.signUp.user).toMatchObject({ email: 'new.learner@example.com', role: 'LEARNER' });
    const viewer = await viewerOf(data.signUp.token);
    expect(viewer.candidateId).not.toBeNull();
    const profile = await db.getRepository(Candidate).findOneByOrFail({ id: viewer.candidateId! });
    expect(profile.displayName).toBe('New Learner');
    const stored = await db.getRepository(User).findOneByOrFail({ email: 'new.learner@example.com' });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain('correct horse');

    const login: any = await server.execute(LOG_IN, {
      email: 'new.learner@example.com',
      password: 'correct horse battery',
    });
    expect(login.errors).toBeUndefined();
    const me: any = await server.execute(ME, {}, await viewerOf(login.data.logIn.token));
    expect(me.data.me).toEqual({ email: 'new.learner@example.com', role: 'LEARNER' });
    expect((await server.execute(ME)).data).toEqual({ me: null });
  });

  it('lets the documented demo accounts log in', async () => {
    for (const account of demoAccounts) {
      const result: any = await server.execute(LOG_IN, { email: account.email, password: account.password });
      expect(result.errors).toBeUndefined();
      expect((await viewerOf(result.data.logIn.token)).role).toBe(account.role);
    }
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const wrong = await server.execute(LOG_IN, {
      email: 'new.learner@example.com',
      password: 'not the password',
    });
    const unknown = await server.execute(LOG_IN, {
      email: 'nobody@example.com',
      password: 'not the password',
    });
    expect(wrong).toEqual(unknown);
    expect(wrong.data).toEqual({
      logIn: {
        token: null,
        user: null,
        userErrors: [{ code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' }],
      },
    });
  });

  it('lets a recruiter invite a colleague into their company, once', async () => {
    const founder: any = await server.execute(SIGN_UP, {
      input: {
        email: 'founder@example.com',
        password: 'founder password 1',
        displayName: 'Founder',
        role: 'RECRUITER',
        companyName: 'Invite Test Co',
      },
    });
    const founderViewer = await viewerOf(founder.data.signUp.token);
    expect(code(await server.execute(INVITE))).toBe('UNAUTHENTICATED');
    expect(code(await server.execute(INVITE, {}, learnerAs(1)))).toBe('FORBIDDEN');
    const before = Date.now();
    const invite: any = await server.execute(INVITE, {}, founderViewer);
    const { code: inviteCode, expiresAt } = invite.data.createCompanyInvite;
    const week = 7 * 24 * 3600 * 1000;
    expect(Date.parse(expiresAt) - before).toBeGreaterThan(week - 2000);
    expect(Date.parse(expiresAt) - before).toBeLessThanOrEqual(week + 2000);
    const input = {
      email: 'colleague@example.com',
      password: 'colleague password',
      displayName: 'Colleague',
      role: 'RECRUITER',
      inviteCode,
    };
    const colleague: any = await server.execute(SIGN_UP, { input });
    expect((await viewerOf(colleague.data.signUp.token)).companyId).toBe(founderViewer.companyId);
    const again: any = await server.execute(SIGN_UP, { input: { ...input, email: 'second@example.com' } });
    expect(again.data.signUp.userErrors).toEqual([
      { field: ['input', 'inviteCode'], code: 'INVALID_INVITE' },
    ]);
  });

  describe('who sees what', () => {
    let open: Candidate;
    let hidden: Candidate;
    let posting: JobPosting;

    beforeAll(async () => {
      open = await db.getRepository(Candidate).findOneByOrFail({ openToWork: true });
      hidden = await db.getRepository(Candidate).findOneByOrFail({ openToWork: false });
      posting = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
    });

    it('shows candidates to admins, open ones to recruiters, learners only themselves, anonymous nobody', async () => {
      const seen = async (viewer: Viewer | null) => {
        const result: any = await server.execute(CANDIDATES, {}, viewer);
        return result.errors
          ? code(result)
          : result.data.candidates.edges
              .map((e: any) => keyOf(e.node.id))
              .sort((a: number, b: number) => a - b);
      };
      const all = (await db.getRepository(Candidate).find()).map((c) => c.id).sort();
      const openIds = (await db.getRepository(Candidate).findBy({ openToWork: true }))
        .map((c) => c.id)
        .sort();
      expect(await seen(ADMIN)).toEqual(all.sort((a, b) => a - b));
      expect(await seen(recruiterOf(posting.companyId))).toEqual(openIds.sort((a, b) => a - b));
      expect(await seen(learnerAs(open.id))).toEqual([open.id]);
      expect(await seen(null)).toBe('UNAUTHENTICATED');
    });

    it.each<[string, 'open' | 'hidden', 'email' | 'none' | 'UNAUTHENTICATED']>([
      ['an admin', 'hidden', 'email'],
      ['a recruiter', 'open', 'email'],
      ['a recruiter', 'hidden', 'none'],
      ['the learner themselves', 'open', 'email'],
      ['another learner', 'open', 'none'],
      ['anonymous', 'open', 'UNAUTHENTICATED'],
    ])('shows %s a candidate who is %s: %s', async (who, which, expected) => {
      const candidate = which === 'open' ? open : hidden;
      const viewers: Record<string, Viewer | null> = {
        'an admin': ADMIN,
        'a recruiter': recruiterOf(posting.companyId),
        'the learner themselves': learnerAs(candidate.id),
        'another learner': learnerAs(candidate.id + 1000),
        anonymous: null,
      };
      const result: any = await server.execute(
        CANDIDATE,
        { id: gid('Candidate', candidate.id) },
        viewers[who],
      );
      if (expected === 'UNAUTHENTICATED') return expect(code(result)).toBe('UNAUTHENTICATED');
      if (expected === 'none') return expect(result.data.candidate).toBeNull();
      expect(result.data.candidate).toEqual({ displayName: candidate.displayName, email: candidate.email });
    });

    it("lets only the posting's recruiters and admins rank candidates for it", async () => {
      const other = await db.getRepository(Company).findOneByOrFail({ name: 'Bluefin Ledger' });
      const ask = (viewer: Viewer | null) =>
        server.execute(MATCHES, { postingId: gid('JobPosting', posting.id) }, viewer);
      expect(code(await ask(recruiterOf(posting.companyId)))).toBe('OK');
      expect(code(await ask(ADMIN))).toBe('OK');
      expect(code(await ask(recruiterOf(other.id)))).toBe('FORBIDDEN');
      expect(code(await ask(learnerAs(open.id)))).toBe('FORBIDDEN');
      expect(code(await ask(null))).toBe('UNAUTHENTICATED');
    });

    it('lets learners see their own matches, gap and path only', async () => {
      const me = learnerAs(open.id);
      const vars = { postingId: gid('JobPosting', posting.id), candidateId: gid('Candidate', open.id) };
      expect(code(await server.execute(POSTING_MATCHES, vars, me))).toBe('OK');
      expect(code(await server.execute(GAP, vars, me))).toBe('OK');
      expect(code(await server.execute(PATH, vars, me))).toBe('OK');
      const someoneElse = learnerAs(hidden.id);
      expect(code(await server.execute(POSTING_MATCHES, vars, someoneElse))).toBe('FORBIDDEN');
      expect(code(await server.execute(GAP, vars, someoneElse))).toBe('FORBIDDEN');
      expect(code(await server.execute(PATH, vars, someoneElse))).toBe('FORBIDDEN');
      expect(code(await server.execute(PATH, vars, null))).toBe('UNAUTHENTICATED');
      expect(code(await server.execute(PATH, { postingId: gid('JobPosting', posting.id) }, null))).toBe('OK');
      expect(code(await server.execute(GAP, vars, recruiterOf(posting.companyId)))).toBe('OK');
      expect(
        code(
          await server.execute(
            GAP,
            { ...vars, candidateId: gid('Candidate', hidden.id) },
            recruiterOf(posting.companyId),
          ),
        ),
      ).toBe('NOT_FOUND');
    });
  });
});
