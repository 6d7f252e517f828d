import { DataSource } from 'typeorm';
import { Candidate } from '../../src/candidate/candidate.entity';
import { JobPosting } from '../../src/posting/posting.entity';
import { dataOf } from '../helpers/graphql';
import { CANDIDATE_MATCHES } from '../helpers/matching';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';
import { gid, keyOf } from '../helpers/ids';

// Two instances of the service on one database: what one writes, the other follows by the
// rows' `updatedAt` (the match index's change feed, the open postings' version). Two writes
// to one row within the same second must both show there, the second one too.

const UPDATE_PROFILE = /* GraphQL */ `
  mutation UpdateProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      candidate {
        id
      }
    }
  }
`;

const UPDATE_POSTING = /* GraphQL */ `
  mutation UpdatePosting($input: UpdateJobPostingInput!) {
    updateJobPosting(input: $input) {
      jobPosting {
        id
      }
    }
  }
`;

/**
 * Waits for the start of a second of the clock the database shares with this process, so
 * that the writes that follow at once land within that one second.
 */
async function startOfASecond(): Promise<void> {
  while (Date.now() % 1000 > 100) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('writes made by another instance', () => {
  let db: DataSource;
  let a: TestServer;
  let b: TestServer;
  let priya: Candidate;
  let junior: JobPosting;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    a = await createTestServer(db);
    b = await createTestServer(db);
    priya = await db.getRepository(Candidate).findOneByOrFail({ email: 'priya.raman@example.com' });
    junior = await db.getRepository(JobPosting).findOneByOrFail({ title: 'Junior Back-end Developer' });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.destroy();
  });

  it('ranks a candidate by the second of two profile edits made within one second', async () => {
    const rankedOnB = async () =>
      dataOf(
        await b.execute(CANDIDATE_MATCHES, { postingId: gid('JobPosting', junior.id), first: 100 }, ADMIN),
      ).candidateMatches.edges.map((e) => keyOf(e.node.candidate.id));
    const editOnA = async (openToWork: boolean) =>
      dataOf(await a.execute(UPDATE_PROFILE, { input: { openToWork } }, learnerAs(priya.id)));
    await b.services.matchIndex.refresh();
    expect(await rankedOnB()).toContain(priya.id);
    await startOfASecond();
    await editOnA(false);
    await b.services.matchIndex.refresh();
    expect(await rankedOnB()).not.toContain(priya.id);
    await editOnA(true); // within the same second
    await b.services.matchIndex.refresh();
    expect(await rankedOnB()).toContain(priya.id);
  });

  it('moves a row past an `updatedAt` later than the clock, as a write within the same millisecond leaves', async () => {
    const rankedOnB = async () =>
      dataOf(
        await b.execute(CANDIDATE_MATCHES, { postingId: gid('JobPosting', junior.id), first: 100 }, ADMIN),
      ).candidateMatches.edges.map((e) => keyOf(e.node.candidate.id));
    // As if written twice within the millisecond that ends the year 2030 (the clock still ahead).
    await db.getRepository(Candidate).update(priya.id, { updatedAt: new Date('2030-12-31T23:59:59.999Z') });
    await b.services.matchIndex.refresh();
    expect(await rankedOnB()).toContain(priya.id);
    dataOf(await a.execute(UPDATE_PROFILE, { input: { openToWork: false } }, learnerAs(priya.id)));
    try {
      await b.services.matchIndex.refresh();
      expect(await rankedOnB()).not.toContain(priya.id);
    } finally {
      dataOf(await a.execute(UPDATE_PROFILE, { input: { openToWork: true } }, learnerAs(priya.id)));
    }
  });

  it('shows the second of two posting edits made within one second', async () => {
    const titleOnB = async () => (await b.services.openPostings.find(junior.id))?.posting.title;
    const editOnA = async (title: string) =>
      dataOf(
        await a.execute(
          UPDATE_POSTING,
          { input: { id: gid('JobPosting', junior.id), title } },
          recruiterOf(junior.companyId),
        ),
      );
    expect(await titleOnB()).toBe(junior.title);
    await startOfASecond();
    await editOnA('Junior Back-end Developer (Go)');
    expect(await titleOnB()).toBe('Junior Back-end Developer (Go)');
    await editOnA('Junior Back-end Developer (Rust)'); // within the same second
    expect(await titleOnB()).toBe('Junior Back-end Developer (Rust)');
  });
});
