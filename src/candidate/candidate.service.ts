import { DataSource } from 'typeorm';
import { Role } from '../account/account.entity';
import { requireViewer } from '../account/policy';
import { Viewer } from '../account/token';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { SkillService } from '../skill/skill.service';
import { Candidate } from './candidate.entity';
import { CandidateFilter } from './candidate.inputs';

export class CandidateService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
  ) {}

  /** Candidates by id that the viewer may see: admins all, recruiters those open to work, learners themselves. */
  async list(
    filter: CandidateFilter | null | undefined,
    paging: ConnectionArgs,
    viewer: Viewer | null,
  ): Promise<Connection<Candidate>> {
    const { role, candidateId } = requireViewer(viewer);
    const query = this.db.getRepository(Candidate).createQueryBuilder('candidate');
    if (role === Role.RECRUITER) query.andWhere('candidate.openToWork = :visible', { visible: true });
    if (role === Role.LEARNER) query.andWhere('candidate.id = :self', { self: candidateId ?? 0 });
    if (filter?.skills?.length) {
      havingAllSkills(
        query,
        'candidate_skill',
        'candidateId',
        await this.skills.idsFor(filter.skills, 'filter.skills'),
      );
    }
    if (filter?.location?.trim()) {
      query.andWhere(`candidate.location LIKE :location ${LIKE_ESCAPE}`, {
        location: containsPattern(filter.location.trim()),
      });
    }
    if (filter?.remote?.length) query.andWhere('candidate.remote IN (:...remote)', { remote: filter.remote });
    if (filter?.openToWork != null)
      query.andWhere('candidate.openToWork = :open', { open: filter.openToWork });
    if (filter?.minYearsExperience != null) {
      query.andWhere('candidate.yearsExperience >= :minYears', { minYears: filter.minYearsExperience });
    }
    return paginate(query, [{ expression: 'candidate.id', property: 'id', direction: 'ASC' }], paging);
  }
}
