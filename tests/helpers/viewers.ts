import { Role } from '../../src/access/role';
import { Viewer } from '../../src/access/viewer';

/** An administrator, who may see everything: for tests about behaviour other than access. */
export const ADMIN: Viewer = { userId: 1, role: Role.ADMIN, companyId: null, candidateId: null };

export const recruiterOf = (companyId: number): Viewer => ({
  userId: 2,
  role: Role.RECRUITER,
  companyId,
  candidateId: null,
});

export const learnerAs = (candidateId: number): Viewer => ({
  userId: 3,
  role: Role.LEARNER,
  companyId: null,
  candidateId,
});
