import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { manyPer, onePer } from '../common/batch';
import { Company, JobPosting, PostingSkill } from './posting.entity';

export function createPostingLoaders(db: DataSource) {
  return {
    postingById: new DataLoader<number, JobPosting | null>(async (ids) =>
      onePer(ids, await db.getRepository(JobPosting).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    companyById: new DataLoader<number, Company | null>(async (ids) =>
      onePer(ids, await db.getRepository(Company).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    /** A company's postings, newest first. */
    postingsByCompanyId: new DataLoader<number, JobPosting[]>(async (ids) =>
      manyPer(
        ids,
        await db
          .getRepository(JobPosting)
          .find({ where: { companyId: In([...ids]) }, order: { id: 'DESC' } }),
        (p) => p.companyId,
      ),
    ),
    /** A posting's skills, REQUIRED first ('REQUIRED' sorts after 'PREFERRED'), then by weight. */
    postingSkillsByPostingId: new DataLoader<number, PostingSkill[]>(async (ids) =>
      manyPer(
        ids,
        await db.getRepository(PostingSkill).find({
          where: { postingId: In([...ids]) },
          order: { importance: 'DESC', weight: 'DESC', skillId: 'ASC' },
        }),
        (ps) => ps.postingId,
      ),
    ),
  };
}
