import { DataSource } from 'typeorm';
import { batchLoader, entityRows, entityRowsWithLinks, linkRows, manyPer, onePer } from '../common/batch';
import { Candidate, CandidateSkill } from './candidate.entity';

/** A candidate's skills, strongest first. */
const SKILLS_ORDER: [keyof CandidateSkill & string, 'ASC' | 'DESC'][] = [
  ['level', 'DESC'],
  ['skillId', 'ASC'],
];

export function createCandidateLoaders(db: DataSource) {
  const candidateById = batchLoader<number, Candidate | null>('candidateById', async (ids) =>
    onePer(ids, await entityRows(db, Candidate, 'id', ids), (c) => c.id),
  );
  const candidateSkillsByCandidateId = batchLoader<number, CandidateSkill[]>(
    'candidateSkillsByCandidateId',
    async (ids) =>
      manyPer(ids, await linkRows(db, CandidateSkill, 'candidateId', ids, SKILLS_ORDER), (cs) => cs.candidateId),
  );
  return {
    candidateById,
    candidateSkillsByCandidateId,
    /**
     * A candidate and their skills, null when gone: one statement for both (see
     * entityRowsWithLinks), as a ranked page reads them. Both are primed in the loaders above.
     */
    candidateWithSkillsById: batchLoader<number, { candidate: Candidate; skills: CandidateSkill[] } | null>(
      'candidateWithSkillsById',
      async (ids) => {
        const rows = await entityRowsWithLinks(db, Candidate, 'id', ids, {
          entity: CandidateSkill,
          key: 'candidateId',
          order: SKILLS_ORDER,
        });
        return onePer(ids, rows, ({ row }) => row.id).map((found, i) => {
          candidateById.prime(ids[i], found?.row ?? null);
          if (!found) return null;
          candidateSkillsByCandidateId.prime(ids[i], found.links);
          return { candidate: found.row, skills: found.links };
        });
      },
    ),
  };
}
