import { Candidate } from '../candidate/candidate.entity';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { JobPosting, PostingStatus } from '../posting/posting.entity';
import { Role } from './role';
import { Viewer } from './viewer';

// Who sees what, in one place. Lists leave out what the viewer may not see; single
// reads answer NOT_FOUND where saying FORBIDDEN would reveal that the object exists.

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** Admins see every candidate; learners themselves; recruiters those open to work. */
export function canSeeCandidate(
  viewer: Viewer | null,
  candidate: Pick<Candidate, 'id' | 'openToWork'>,
): boolean {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role === Role.LEARNER) return viewer.candidateId === candidate.id;
  return candidate.openToWork;
}

/** Open postings are public; closed ones belong to their company's recruiters (and admins). */
export function canSeePosting(
  viewer: Viewer | null,
  posting: Pick<JobPosting, 'status' | 'companyId'>,
): boolean {
  return posting.status === PostingStatus.OPEN || ownsPosting(viewer, posting);
}

export function ownsPosting(viewer: Viewer | null, posting: Pick<JobPosting, 'companyId'>): boolean {
  return (
    !!viewer &&
    (viewer.role === Role.ADMIN || (viewer.role === Role.RECRUITER && viewer.companyId === posting.companyId))
  );
}

/** Ranking candidates for a posting: its company's recruiters and admins. */
export function assertOwnsPosting(viewer: Viewer | null, posting: Pick<JobPosting, 'companyId'>): void {
  requireViewer(viewer);
  if (!ownsPosting(viewer, posting)) throw new ForbiddenError("Only the posting's company may do this");
}

/** Acting for a learner (their matches, gap or path): the learner themselves and admins. */
export function assertActsForCandidate(viewer: Viewer | null, candidateId: number): void {
  const v = requireViewer(viewer);
  if (v.role === Role.ADMIN || (v.role === Role.LEARNER && v.candidateId === candidateId)) return;
  throw new ForbiddenError('Only the learner themselves may do this');
}
