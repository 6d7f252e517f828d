import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from '../../src/account/account.entity';
import { Viewer } from '../../src/access/viewer';
import { Services } from '../../src/context';

/** The secret the tests sign with: a server under test never uses a kept or constant one. */
export const TEST_JWT_SECRET = 'test-only-secret-of-at-least-32-characters';

/**
 * An account with the viewer's role and links, and a token of a new session for it from
 * the served instance's own session store, as a log-in would give. Its password is unusable.
 */
export async function signedIn(
  db: DataSource,
  services: Services,
  viewer: Pick<Viewer, 'role'> & Partial<Pick<Viewer, 'companyId' | 'candidateId'>>,
): Promise<{ token: string; user: User }> {
  const user = await db.getRepository(User).save({
    email: `${randomUUID()}@example.com`,
    passwordHash: '!',
    displayName: `Test ${viewer.role.toLowerCase()}`,
    role: viewer.role,
    companyId: viewer.companyId ?? null,
    candidateId: viewer.candidateId ?? null,
  });
  return { token: await services.accounts.sessions.open(user), user };
}
