import { Viewer } from './access/viewer';
import { createCandidateLoaders } from './candidate/candidate.loaders';
import { createCourseLoaders } from './course/course.loaders';
import { createPostingLoaders } from './posting/posting.loaders';
import { createSkillLoaders } from './skill/skill.loaders';

/**
 * What features know about a request. The composition root (`context.ts`) builds it; the
 * features import these types from here, so that nothing imports the root that builds them.
 */

/** The request's DataLoaders, one set per request: a cache never outlives it or serves another user. */
export type Loaders = ReturnType<typeof createSkillLoaders> &
  ReturnType<typeof createPostingLoaders> &
  ReturnType<typeof createCandidateLoaders> &
  ReturnType<typeof createCourseLoaders>;

export interface RequestContext {
  requestId: string;
  /** who is asking; null when anonymous */
  viewer: Viewer | null;
  /** the client's address, for rate limits */
  ip: string;
  loaders: Loaders;
}

/** Who asks, and the request's loaders: what a service needs to answer for one viewer. */
export type Asker = Pick<RequestContext, 'loaders' | 'viewer'>;
