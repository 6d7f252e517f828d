import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { Role } from '../account/account.entity';
import { Viewer } from '../account/token';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { parseId } from '../common/id';
import { SkillService } from '../skill/skill.service';
import { JobPosting, PostingStatus } from './posting.entity';
import { JobPostingFilter } from './posting.inputs';

export class PostingService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
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
        companyId: parseId(filter.companyId, 'filter.companyId'),
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
}
