import { DataSource } from 'typeorm';
import { notFound } from '../common/id';
import { Role } from '../access/role';
import { requireViewer } from '../access/policy';
import { Viewer } from '../access/viewer';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { SkillService } from '../skill/skill.service';
import { Candidate, CandidateSkill } from './candidate.entity';
import { NotFoundError } from '../errors';
import { CandidateFilter, CandidateSkillInput, UpdateMyProfileInput } from './candidate.inputs';
import { retryingConflicts, writeTransaction } from '../common/transaction';
import { nextUpdatedAt } from '../common/updated-at';
import { givenFields, replaceLinks } from '../common/writes';
import { Loaders } from '../request';

/**
 * Told of every candidate write once it is committed, so that what the process holds about
 * candidates (the match index) follows at once; the composition root wires it.
 */
export interface CandidateChanges {
  /** a profile's own fields changed, its skills did not */
  onProfileChanged(candidate: Candidate): Promise<void>;
  /** these candidates' skills changed */
  onCandidatesChanged(ids: readonly number[]): Promise<void>;
}

export class CandidateService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly listener: CandidateChanges,
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

  /** Changes the fields given of the learner's own profile. */
  async updateProfile(viewer: Viewer, input: UpdateMyProfileInput, loaders: Loaders): Promise<Candidate> {
    const id = ownProfile(viewer);
    const changes = givenFields(input);
    // One UPDATE statement, atomic on its own, then the row it left, both on one pooled
    // connection: under load, waiting for a free connection is most of a statement's time,
    // and a second wait for the read doubled the edit's latency.
    const saved = await retryingConflicts(async () => {
      const runner = this.db.createQueryRunner('master');
      try {
        if (Object.keys(changes).length > 0) {
          const { affected } = await runner.manager.update(Candidate, id, {
            ...changes,
            updatedAt: nextUpdatedAt(runner.manager),
          });
          if (!affected) throw notFound('Candidate', id);
        }
        return await runner.manager.findOneBy(Candidate, { id });
      } finally {
        await runner.release();
      }
    });
    if (!saved) throw notFound('Candidate', id);
    loaders.candidateById.clear(id);
    await this.listener.onProfileChanged(saved);
    return saved;
  }

  /**
   * Replaces the learner's skills as one set, all or none, and moves `updatedAt` so every
   * replica's match index follows. Skills are refused at `skills.<index>.skill`. The
   * request's `loaders` read the profile and its skills again.
   */
  async setSkills(viewer: Viewer, skills: CandidateSkillInput[], loaders: Loaders): Promise<Candidate> {
    const id = ownProfile(viewer);
    const saved = await writeTransaction(this.db, async (tx) => {
      const skillIds = await this.skills.distinctIdsFor(
        skills.map((s) => s.skill),
        (i) => ['skills', i, 'skill'],
        tx,
      );
      // The profile's row is locked first, as a profile edit locks it: taken after the
      // skills' inserts (whose foreign-key checks share-lock it), two edits deadlocked.
      const { affected } = await tx.getRepository(Candidate).update(id, { updatedAt: nextUpdatedAt(tx) });
      if (!affected) throw notFound('Candidate', id);
      await replaceLinks(
        tx,
        CandidateSkill,
        { candidateId: id },
        skills.map((s, i) => ({
          candidateId: id,
          skillId: skillIds[i],
          level: s.level,
          years: s.years ?? null,
        })),
      );
      return tx.getRepository(Candidate).findOneByOrFail({ id });
    });
    loaders.candidateById.clear(id);
    loaders.candidateSkillsByCandidateId.clear(id);
    await this.listener.onCandidatesChanged([id]);
    return saved;
  }
}

function ownProfile(viewer: Viewer): number {
  if (viewer.candidateId === null) throw new NotFoundError('Candidate', 'of this account');
  return viewer.candidateId;
}
