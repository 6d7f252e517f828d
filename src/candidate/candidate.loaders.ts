import { DataSource, In } from 'typeorm';
import { batchLoader, linkRows, manyPer, onePer } from '../common/batch';
import { Candidate, CandidateSkill } from './candidate.entity';

export function createCandidateLoaders(db: DataSource) {
  return {
    candidateById: batchLoader<number, Candidate | null>('candidateById', async (ids) =>
      onePer(ids, await db.getRepository(Candidate).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    /** A candidate's skills, strongest first. */
    candidateSkillsByCandidateId: batchLoader<number, CandidateSkill[]>(
      'candidateSkillsByCandidateId',
      async (ids) =>
        manyPer(
          ids,
          await linkRows(db, CandidateSkill, 'candidateId', ids, [
            ['level', 'DESC'],
            ['skillId', 'ASC'],
          ]),
          (cs) => cs.candidateId,
        ),
    ),
  };
}
