import { DataSource } from 'typeorm';
import { rowsVersion } from '../common/rows-version';
import { JobPosting, PostingSkill, PostingStatus } from '../posting/posting.entity';
import { orderPostingSkills, PostingSkillInput, PostingTable } from './scoring';

/**
 * The scoring inputs of every open posting, held between requests and reloaded only when
 * a posting has changed. Ranking postings for a learner scores all of them, and loading
 * their skills on every call was most of that query's cost.
 *
 * Whether anything changed is one cheap statement: the count and the latest `updatedAt`
 * of all postings. Every write through the service moves `updatedAt` (setPostingSkills
 * does so explicitly), and a deleted posting changes the count, so every replica sees
 * every write at its next request.
 */
export class OpenPostings {
  private version: string | null = null;
  private table = new PostingTable([]);
  private loading: Promise<void> | null = null;

  constructor(private readonly db: DataSource) {}

  /** The open postings' scoring inputs, current as of this call. */
  async current(): Promise<PostingTable> {
    const version = await rowsVersion(
      this.db.getRepository(JobPosting).createQueryBuilder('posting'),
      'posting',
    );
    if (version !== this.version) {
      // One reload at a time; requests that find it under way wait for it.
      this.loading ??= this.load(version).finally(() => (this.loading = null));
      await this.loading;
    }
    return this.table;
  }

  private async load(version: string): Promise<void> {
    const rows = await this.db
      .getRepository(PostingSkill)
      .createQueryBuilder('ps')
      .innerJoin(JobPosting, 'posting', 'posting.id = ps.postingId')
      .select(['ps.postingId AS postingId', 'posting.minYearsExperience AS minYearsExperience'])
      .addSelect(['ps.skillId AS skillId', 'ps.importance AS importance'])
      .addSelect(['ps.minLevel AS minLevel', 'ps.weight AS weight'])
      .where('posting.status = :open', { open: PostingStatus.OPEN })
      .getRawMany<PostingSkillInput & { postingId: number; minYearsExperience: number }>();
    const skills = new Map<number, { minYearsExperience: number; skills: PostingSkillInput[] }>();
    for (const { postingId, minYearsExperience, ...skill } of rows) {
      const posting = skills.get(postingId);
      if (posting) posting.skills.push(skill);
      else skills.set(postingId, { minYearsExperience, skills: [skill] });
    }
    this.table = new PostingTable(
      [...skills].map(([id, posting]) => [
        id,
        { minYearsExperience: posting.minYearsExperience, skills: orderPostingSkills(posting.skills) },
      ]),
    );
    this.version = version;
  }
}
