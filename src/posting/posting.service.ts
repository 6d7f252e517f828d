import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Role } from '../access/role';
import { assertOwnsPosting, canSeePosting, requireViewer } from '../access/policy';
import { Viewer } from '../access/viewer';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { notFound, parseId } from '../common/id';
import { UserErrorCode, UserInputError } from '../common/payload';
import { writeTransaction } from '../common/transaction';
import { Asker, Loaders } from '../request';
import { updateRow } from '../common/updated-at';
import { givenFields, replaceLinks } from '../common/writes';
import { SkillService } from '../skill/skill.service';
import { DEFAULT_WEIGHT, JobPosting, PostingSkill, PostingStatus } from './posting.entity';
import {
  CloseJobPostingInput,
  CreateJobPostingInput,
  JobPostingFilter,
  PostingSkillInput,
  SetPostingSkillsInput,
  UpdateJobPostingInput,
} from './posting.inputs';

export class PostingService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    /** the skills a posting's text asks for, when its author lists none */
    private readonly proposeSkills: (text: string) => Promise<PostingSkillInput[]> = async () => [],
  ) {}

  /** Postings, newest first; closed ones only for their company's recruiters and admins. */
  async list(
    filter: JobPostingFilter | null | undefined,
    paging: ConnectionArgs,
    viewer: Viewer | null,
  ): Promise<Connection<JobPosting>> {
    const query = await this.filtered(filter ?? {});
    if (filter?.status === PostingStatus.CLOSED && viewer?.role !== Role.ADMIN) {
      query.andWhere('posting.companyId = :ownCompany', {
        ownCompany: viewer?.role === Role.RECRUITER ? (viewer.companyId ?? 0) : 0,
      });
    }
    return paginate(query, [{ expression: 'posting.id', property: 'id', direction: 'DESC' }], paging);
  }

  /** The query for postings matching `filter`; shared with the matching engine's posting filter. */
  async filtered(filter: JobPostingFilter): Promise<SelectQueryBuilder<JobPosting>> {
    const query = this.db.getRepository(JobPosting).createQueryBuilder('posting');
    query.andWhere('posting.status = :status', { status: filter.status ?? PostingStatus.OPEN });
    if (filter.skills?.length) {
      havingAllSkills(
        query,
        'posting_skill',
        'postingId',
        await this.skills.idsFor(filter.skills, 'filter.skills'),
      );
    }
    if (filter.seniority?.length)
      query.andWhere('posting.seniority IN (:...seniority)', { seniority: filter.seniority });
    if (filter.remote?.length) query.andWhere('posting.remote IN (:...remote)', { remote: filter.remote });
    if (filter.location?.trim()) {
      query.andWhere(`posting.location LIKE :location ${LIKE_ESCAPE}`, {
        location: containsPattern(filter.location.trim()),
      });
    }
    if (filter.minSalary != null) {
      query.andWhere('COALESCE(posting.salaryMax, posting.salaryMin) >= :minSalary', {
        minSalary: filter.minSalary,
      });
    }
    if (filter.companyId != null) {
      query.andWhere('posting.companyId = :companyId', {
        companyId: parseId(filter.companyId, 'Company', 'filter.companyId'),
      });
    }
    if (filter.text?.trim()) {
      const text = containsPattern(filter.text.trim());
      query.andWhere(
        new Brackets((q) =>
          q
            .where(`posting.title LIKE :text ${LIKE_ESCAPE}`, { text })
            .orWhere(`posting.description LIKE :text ${LIKE_ESCAPE}`, { text }),
        ),
      );
    }
    return query;
  }

  /**
   * A new OPEN posting of the recruiter's company, with the skills given, or else those
   * `proposeSkills` reads from its title and description.
   */
  async create(input: CreateJobPostingInput, { viewer, loaders }: Asker): Promise<JobPosting> {
    checkSalaryRange(input.salaryMin, input.salaryMax, 'salaryMin');
    const { skills: given, ...fields } = input;
    const skills = given ?? (await this.proposeSkills(`${input.title}\n${input.description}`));
    const posting = await writeTransaction(this.db, async (tx) => {
      const skillIds = await this.skillIdsOf(skills, tx);
      // eslint-disable-next-line no-restricted-syntax -- a new row: no earlier version of it shares its stamp
      const saved = await tx.getRepository(JobPosting).save({
        ...fields,
        salaryMin: input.salaryMin ?? null,
        salaryMax: input.salaryMax ?? null,
        companyId: requireViewer(viewer).companyId!,
        status: PostingStatus.OPEN,
      });
      if (skills.length > 0)
        await tx.getRepository(PostingSkill).insert(postingSkillRows(saved.id, skills, skillIds));
      return saved;
    });
    forgetPosting(loaders, posting);
    return posting;
  }

  /** Changes the fields given; the salary range it leaves must hold. */
  async update(input: UpdateJobPostingInput, { viewer, loaders }: Asker): Promise<JobPosting> {
    const { id: givenId, ...fields } = input;
    const id = parseId(givenId, 'JobPosting', 'input.id');
    const posting = await writeTransaction(this.db, async (tx) => {
      const posting = await this.ownedPosting(tx, id, requireViewer(viewer));
      const changes = givenFields(fields);
      checkSalaryRange(
        changes.salaryMin ?? posting.salaryMin,
        changes.salaryMax ?? posting.salaryMax,
        changes.salaryMin != null || changes.salaryMax == null ? 'salaryMin' : 'salaryMax',
      );
      return updateRow(tx, JobPosting, id, changes);
    });
    forgetPosting(loaders, posting);
    return posting;
  }

  /** Closes a posting; closing a closed one changes nothing and is not refused. */
  async close(input: CloseJobPostingInput, { viewer, loaders }: Asker): Promise<JobPosting> {
    const id = parseId(input.id, 'JobPosting', 'input.id');
    const posting = await writeTransaction(this.db, async (tx) => {
      const posting = await this.ownedPosting(tx, id, requireViewer(viewer));
      if (posting.status === PostingStatus.CLOSED) return posting;
      return updateRow(tx, JobPosting, id, { status: PostingStatus.CLOSED });
    });
    forgetPosting(loaders, posting);
    return posting;
  }

  /** Replaces the posting's skills as one set: all of them are written, or none. */
  async setSkills(input: SetPostingSkillsInput, { viewer, loaders }: Asker): Promise<JobPosting> {
    const id = parseId(input.postingId, 'JobPosting', 'input.postingId');
    const posting = await writeTransaction(this.db, async (tx) => {
      await this.ownedPosting(tx, id, requireViewer(viewer));
      const skillIds = await this.skillIdsOf(input.skills, tx);
      await replaceLinks(tx, PostingSkill, { postingId: id }, postingSkillRows(id, input.skills, skillIds));
      return updateRow(tx, JobPosting, id, {});
    });
    forgetPosting(loaders, posting);
    return posting;
  }

  /** The ids of a posting's skills, each at `skills.<index>.skill` of the input when refused. */
  private skillIdsOf(skills: PostingSkillInput[], tx: EntityManager): Promise<number[]> {
    return this.skills.distinctIdsFor(
      skills.map((s) => s.skill),
      (i) => ['skills', i, 'skill'],
      tx,
    );
  }

  /** A posting the viewer may change: NOT_FOUND when they may not even see it, FORBIDDEN when not theirs. */
  private async ownedPosting(tx: EntityManager, id: number, viewer: Viewer): Promise<JobPosting> {
    const posting = await tx.getRepository(JobPosting).findOneBy({ id });
    if (!posting || !canSeePosting(viewer, posting)) throw notFound('JobPosting', id);
    assertOwnsPosting(viewer, posting);
    return posting;
  }
}

function postingSkillRows(postingId: number, skills: PostingSkillInput[], skillIds: number[]) {
  return skills.map((s, i) => ({
    postingId,
    skillId: skillIds[i],
    importance: s.importance,
    minLevel: s.minLevel,
    weight: s.weight ?? DEFAULT_WEIGHT[s.importance],
  }));
}

/**
 * Refuses a salary range whose lower end is above its upper end, at `field`: the end the
 * client changed (salaryMin when both, or neither, were given).
 */
function checkSalaryRange(
  min: number | null | undefined,
  max: number | null | undefined,
  field: 'salaryMin' | 'salaryMax',
): void {
  if (min == null || max == null || min <= max) return;
  throw new UserInputError(
    field === 'salaryMin'
      ? { field: [field], code: UserErrorCode.TOO_LARGE, message: 'salaryMin: must not be above salaryMax' }
      : { field: [field], code: UserErrorCode.TOO_SMALL, message: 'salaryMax: must not be below salaryMin' },
  );
}

/** After a write: the request's loaders read the posting and its skills again. */
function forgetPosting(loaders: Loaders, posting: JobPosting): void {
  loaders.postingById.clear(posting.id);
  loaders.postingSkillsByPostingId.clear(posting.id);
  loaders.postingsByCompanyId.clearAll();
}
