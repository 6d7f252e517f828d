import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Company, JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { dataOf, errorCode, gql } from '../helpers/graphql';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { learnerAs, recruiterOf } from '../helpers/viewers';
import { gid, keyOf } from '../helpers/ids';

const CREATE = gql<{
  createJobPosting: {
    jobPosting: { id: string; title: string; status: string; company: { name: string } } | null;
    userErrors: { field: string[] | null; code: string }[];
  };
}>(/* GraphQL */ `
  mutation Create($input: CreateJobPostingInput!) {
    createJobPosting(input: $input) {
      jobPosting {
        id
        title
        status
        company {
          name
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const SET_SKILLS = gql<{
  setPostingSkills: {
    jobPosting: {
      id: string;
      skills: { skill: { slug: string }; importance: string; minLevel: number; weight: number }[];
    } | null;
  };
}>(/* GraphQL */ `
  mutation SetSkills($input: SetPostingSkillsInput!) {
    setPostingSkills(input: $input) {
      jobPosting {
        id
        skills {
          skill {
            slug
          }
          importance
          minLevel
          weight
        }
      }
    }
  }
`);
/** A money value as the API answers it. */
interface Money {
  amount: number;
  currency: string;
}

const UPDATE = gql<{
  updateJobPosting: {
    jobPosting: { title: string; salaryMin: Money | null; salaryMax: Money | null } | null;
    userErrors: { field: string[] | null; code: string }[];
  };
}>(/* GraphQL */ `
  mutation Update($input: UpdateJobPostingInput!) {
    updateJobPosting(input: $input) {
      jobPosting {
        title
        salaryMin {
          amount
          currency
        }
        salaryMax {
          amount
          currency
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const CLOSE = gql<{ closeJobPosting: { jobPosting: { status: string } | null } }>(/* GraphQL */ `
  mutation Close($input: CloseJobPostingInput!) {
    closeJobPosting(input: $input) {
      jobPosting {
        status
      }
    }
  }
`);
const SET_MY_SKILLS = gql<{
  setMySkills: {
    candidate: {
      id: string;
      skills: { skill: { slug: string }; level: number; years: number | null }[];
    } | null;
    userErrors: { field: string[] | null; code: string }[];
  };
}>(/* GraphQL */ `
  mutation SetMySkills($input: SetMySkillsInput!) {
    setMySkills(input: $input) {
      candidate {
        id
        skills {
          skill {
            slug
          }
          level
          years
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const UPDATE_PROFILE = gql<{
  updateMyProfile: { candidate: { headline: string; openToWork: boolean; yearsExperience: number } | null };
}>(/* GraphQL */ `
  mutation UpdateProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      candidate {
        headline
        openToWork
        yearsExperience
      }
    }
  }
`);
const MATCHES = gql<{
  candidateMatches: { edges: { node: { score: number; candidate: { id: string } } }[] };
}>(/* GraphQL */ `
  query Matches($postingId: ID!) {
    candidateMatches(postingId: $postingId, first: 100) {
      edges {
        node {
          score
          candidate {
            id
          }
        }
      }
    }
  }
`);

const code = (result: Parameters<typeof errorCode>[0]) => errorCode(result) ?? 'OK';

describe('the write API', () => {
  let db: DataSource;
  let server: TestServer;
  let company: Company;
  let other: Company;
  let learner: Candidate;
  let postingId: string;

  const input = {
    title: 'Platform Engineer',
    description: 'Builds the platform',
    seniority: 'MID',
    minYearsExperience: 3,
    location: 'Denver, CO',
    remote: 'REMOTE',
    salaryMin: 90000,
    salaryMax: 120000,
    salaryCurrency: 'USD',
  };
  const rows = async () => ({
    postings: await db.getRepository(JobPosting).find({ order: { id: 'ASC' } }),
    postingSkills: await db.getRepository(PostingSkill).find({ order: { postingId: 'ASC', skillId: 'ASC' } }),
    candidateSkills: await db
      .getRepository(CandidateSkill)
      .find({ order: { candidateId: 'ASC', skillId: 'ASC' } }),
  });

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
    company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
    other = await db.getRepository(Company).findOneByOrFail({ name: 'Bluefin Ledger' });
    learner = await db.getRepository(Candidate).findOneByOrFail({ email: 'chloe.dubois@example.com' });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('lets a recruiter publish a posting for their company and set its skills by slug or alias', async () => {
    const created = dataOf(await server.execute(CREATE, { input }, recruiterOf(company.id)));
    expect(created.createJobPosting).toMatchObject({
      jobPosting: { title: 'Platform Engineer', status: 'OPEN', company: { name: company.name } },
      userErrors: [],
    });
    postingId = created.createJobPosting.jobPosting!.id;
    const skills = [
      { skill: 'Postgres', importance: 'REQUIRED', minLevel: 3 },
      { skill: 'node', importance: 'REQUIRED', minLevel: 3, weight: 2 },
      { skill: 'git', importance: 'PREFERRED', minLevel: 2 },
    ];
    const set = dataOf(
      await server.execute(SET_SKILLS, { input: { postingId, skills } }, recruiterOf(company.id)),
    );
    expect(set.setPostingSkills.jobPosting!.skills).toEqual([
      { skill: { slug: 'nodejs' }, importance: 'REQUIRED', minLevel: 3, weight: 2 },
      { skill: { slug: 'postgresql' }, importance: 'REQUIRED', minLevel: 3, weight: 1 },
      { skill: { slug: 'git' }, importance: 'PREFERRED', minLevel: 2, weight: 0.5 },
    ]);
  });

  it("keeps other companies, learners and anonymous callers away from a company's postings", async () => {
    const before = await rows();
    expect(
      code(
        await server.execute(UPDATE, { input: { id: postingId, title: 'Hijacked' } }, recruiterOf(other.id)),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await server.execute(CLOSE, { input: { id: postingId } }, learnerAs(learner.id)))).toBe(
      'FORBIDDEN',
    );
    expect(code(await server.execute(CLOSE, { input: { id: postingId } }, null))).toBe('UNAUTHENTICATED');
    expect(code(await server.execute(CREATE, { input }, learnerAs(learner.id)))).toBe('FORBIDDEN');
    expect(
      code(
        await server.execute(
          UPDATE,
          { input: { id: gid('JobPosting', 999999), title: 'x' } },
          recruiterOf(company.id),
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await rows()).toEqual(before);
  });

  it('updates and closes a posting, and the answers show the write', async () => {
    const updated = dataOf(
      await server.execute(
        UPDATE,
        { input: { id: postingId, title: 'Senior Platform Engineer', salaryMax: 130000 } },
        recruiterOf(company.id),
      ),
    );
    expect(updated.updateJobPosting).toEqual({
      jobPosting: {
        title: 'Senior Platform Engineer',
        salaryMin: { amount: 90000, currency: 'USD' },
        salaryMax: { amount: 130000, currency: 'USD' },
      },
      userErrors: [],
    });
    const closed = dataOf(await server.execute(CLOSE, { input: { id: postingId } }, recruiterOf(company.id)));
    expect(closed.closeJobPosting).toEqual({ jobPosting: { status: 'CLOSED' } });
    // Closing it again is not refused, and leaves it closed.
    const again = dataOf(await server.execute(CLOSE, { input: { id: postingId } }, recruiterOf(company.id)));
    expect(again.closeJobPosting).toEqual({ jobPosting: { status: 'CLOSED' } });
  });

  it("updates a learner's own skills and profile, and recruiters' rankings see it at once", async () => {
    const junior = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
    const ranked = async () =>
      dataOf(
        await server.execute(
          MATCHES,
          { postingId: gid('JobPosting', junior.id) },
          recruiterOf(junior.companyId),
        ),
      ).candidateMatches.edges.map((e) => keyOf(e.node.candidate.id));
    const before = await ranked();
    const set = await server.execute(
      SET_MY_SKILLS,
      {
        input: {
          skills: [
            { skill: 'python', level: 5, years: 3 },
            { skill: 'SQL', level: 4 },
            { skill: 'git', level: 4 },
            { skill: 'REST API', level: 4 },
          ],
        },
      },
      learnerAs(learner.id),
    );
    expect(
      dataOf(set)
        .setMySkills.candidate!.skills.map((s) => s.skill.slug)
        .sort(),
    ).toEqual(['git', 'python', 'rest', 'sql']);
    const after = await ranked();
    // Before, nothing she held counted for this posting; now she ranks among its matches.
    expect(before).not.toContain(learner.id);
    expect(after).toContain(learner.id);

    const profile = await server.execute(
      UPDATE_PROFILE,
      { input: { headline: 'Python back-end developer', openToWork: false } },
      learnerAs(learner.id),
    );
    expect(dataOf(profile).updateMyProfile.candidate).toMatchObject({
      headline: 'Python back-end developer',
      openToWork: false,
    });
    expect(await ranked()).not.toContain(learner.id);

    // The same values again change no row, and are still a successful edit.
    const again = await server.execute(
      UPDATE_PROFILE,
      { input: { headline: 'Python back-end developer', openToWork: false } },
      learnerAs(learner.id),
    );
    expect(dataOf(again).updateMyProfile.candidate!.headline).toBe('Python back-end developer');

    // Open to work again: she ranks at once, on the skills the profile edits left alone.
    const reopened = await server.execute(
      UPDATE_PROFILE,
      { input: { openToWork: true } },
      learnerAs(learner.id),
    );
    expect(reopened.errors).toBeUndefined();
    expect(await ranked()).toEqual(after);
  });

  it('keeps recruiters away from the learner-only setMySkills, and changes nothing', async () => {
    const before = await rows();
    expect(
      code(
        await server.execute(
          SET_MY_SKILLS,
          { input: { skills: [{ skill: 'git', level: 3 }] } },
          recruiterOf(company.id),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await rows()).toEqual(before);
  });
});
