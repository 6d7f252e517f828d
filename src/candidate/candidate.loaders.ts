import { DataSource } from 'typeorm';
import { batchLoader, entityRows, linkRows, manyPer, onePer } from '../common/batch';
import { Candidate, CandidateSkill } from './candidate.entity';

export function createCandidateLoaders(db: DataSource) {
  return {
    // A ranked page reads its candidates here: one plain statement (see entityRows).
    candidateById: batchLoader<number, Candidate | null>('candidateById', async (ids) =>
      onePer(ids, await entityRows(db, Candidate, 'id', ids), (c) => c.id),
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
