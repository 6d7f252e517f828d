import { DataSource, In } from 'typeorm';
import { batchLoader, onePer } from '../common/batch';
import { User } from './account.entity';

/**
 * Accounts sit above the domains, so their loaders are not among the domains' `Loaders`:
 * the composition root hands them to the request beside those (see context.ts).
 */
export function createAccountLoaders(db: DataSource) {
  return {
    userById: batchLoader<number, User | null>('userById', async (ids) =>
      onePer(ids, await db.getRepository(User).findBy({ id: In([...ids]) }), (u) => u.id),
    ),
  };
}
export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
