import { DataSource, In } from 'typeorm';
import { batchLoader, linkRows, manyPer, onePer } from '../common/batch';
import { ChildConnections } from '../common/child-connections';
import { Company, JobPosting, PostingSkill, PostingStatus } from './posting.entity';

export function createPostingLoaders(db: DataSource) {
  return {
    postingById: batchLoader<number, JobPosting | null>('postingById', async (ids) =>
      onePer(ids, await db.getRepository(JobPosting).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    companyById: batchLoader<number, Company | null>('companyById', async (ids) =>
      onePer(ids, await db.getRepository(Company).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    /** Pages of a company's postings, newest first; scope `open` keeps to OPEN ones. */
    postingsByCompanyId: new ChildConnections('postingsByCompanyId', db, {
      entity: JobPosting,
      parent: 'child.companyId',
      sort: [{ expression: 'child.id', direction: 'DESC' }],
      narrow: (query, scope) => {
        if (scope === 'open') query.andWhere('child.status = :open', { open: PostingStatus.OPEN });
      },
    }),
    /** A posting's skills, REQUIRED first ('REQUIRED' sorts after 'PREFERRED'), then by weight. */
    postingSkillsByPostingId: batchLoader<number, PostingSkill[]>('postingSkillsByPostingId', (ids) =>
      readPostingSkills(db, ids),
    ),
  };
}

/**
 * Each posting's skills, REQUIRED first ('REQUIRED' sorts after 'PREFERRED'), then by
 * weight: for the loader, and for the open postings every instance holds, whose skills
 * prime that loader and so must come in the same order.
 */
export async function readPostingSkills(db: DataSource, ids: readonly number[]): Promise<PostingSkill[][]> {
  if (ids.length === 0) return [];
  const skills = await linkRows(db, PostingSkill, 'postingId', ids, [
    ['importance', 'DESC'],
    ['weight', 'DESC'],
    ['skillId', 'ASC'],
  ]);
  return manyPer(ids, skills, (ps) => ps.postingId);
}
