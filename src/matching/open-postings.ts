import { DataSource } from 'typeorm';
import { Refreshable } from '../common/refresh';
import { RebuiltOnChange } from '../common/rows-version';
import { JobPosting, PostingSkill, PostingStatus } from '../posting/posting.entity';
import { readPostingSkills } from '../posting/posting.loaders';
import { Loaders } from '../request';
import { orderPostingSkills, PostingTable } from './scoring';

/** The open postings as of one check: their scoring inputs, and their rows for answers. */
export interface OpenPostingsSnapshot {
  table: PostingTable;
  postings: ReadonlyMap<number, JobPosting>;
  /** each open posting's skills, REQUIRED first, then by weight */
  skills: ReadonlyMap<number, readonly PostingSkill[]>;
}

/**
 * Every open posting with its scoring inputs, held between requests and reloaded only
 * when a posting has changed. Ranking postings for a learner scores all of them, and
 * loading their skills on every call would be most of that query's cost; the postings' rows
 * also answer for the page, so it costs no statement either.
 *
 * Whether anything changed is one cheap statement: the count and the latest `updatedAt`
 * of all postings. Every write through the service moves `updatedAt`, by a millisecond at
 * least (common/updated-at.ts), and a deleted posting changes the count, so every replica sees
 * every write at its next request.
 */
export class OpenPostings implements Refreshable {
  private snapshot: OpenPostingsSnapshot = {
    table: new PostingTable([]),
    postings: new Map(),
    skills: new Map(),
  };
  private readonly rows: RebuiltOnChange;

  constructor(private readonly db: DataSource) {
    this.rows = new RebuiltOnChange(
      () => db.getRepository(JobPosting).createQueryBuilder('posting'),
      'posting',
      () => this.load(),
    );
  }

  /** Brings the open postings up to date with the database; one statement when nothing changed. */
  refresh(): Promise<void> {
    return this.rows.check();
  }

  /** The open postings, current as of this call. */
  async current(): Promise<OpenPostingsSnapshot> {
    await this.refresh();
    return this.snapshot;
  }

  /**
   * A posting and its skills as the process holds them, without checking they are current:
   * for work that `find` then confirms. Undefined when it was not open at the last check.
   */
  held(id: number): { posting: JobPosting; skills: readonly PostingSkill[] } | undefined {
    const posting = this.snapshot.postings.get(id);
    return posting && { posting, skills: this.snapshot.skills.get(id) ?? [] };
  }

  /**
   * A posting and its skills when it is open, current as of this call; undefined when it
   * is not open (or does not exist), for the caller to read it from the database.
   */
  async find(id: number): Promise<{ posting: JobPosting; skills: readonly PostingSkill[] } | undefined> {
    await this.current();
    return this.held(id);
  }

  private async load(): Promise<void> {
    const postings = await this.db.getRepository(JobPosting).findBy({ status: PostingStatus.OPEN });
    const ids = postings.map((posting) => posting.id);
    const skillsOf = new Map(
      (await readPostingSkills(this.db, ids)).map((skills, i) => [ids[i], skills] as const),
    );
    const byId = new Map(postings.map((posting) => [posting.id, posting]));
    this.snapshot = {
      table: new PostingTable(
        // A posting that asks for no skills scores 0 for everyone, so it is left out.
        [...skillsOf]
          .filter(([, list]) => list.length > 0)
          .map(([id, list]) => [
            id,
            { minYearsExperience: byId.get(id)!.minYearsExperience, skills: orderPostingSkills(list) },
          ]),
      ),
      postings: byId,
      skills: skillsOf,
    };
  }
}

/**
 * A posting and its skills: an open one from the open postings held by the process (one
 * statement checks they are current), any other through the request's loaders.
 */
export async function readPosting(
  id: number,
  openPostings: OpenPostings,
  loaders: Loaders,
): Promise<{ posting: JobPosting | null; skills: readonly PostingSkill[] }> {
  const open = await openPostings.find(id);
  if (open) return open;
  const [posting, skills] = await Promise.all([
    loaders.postingById.load(id),
    loaders.postingSkillsByPostingId.load(id),
  ]);
  return { posting, skills };
}
