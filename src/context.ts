import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { demoAccounts } from '../seeds/demo/accounts';
import { loadTaxonomy } from '../seeds/taxonomy/taxonomy';
import { createAccountLoaders, AccountLoaders } from './account/account.loaders';
import { AccountService } from './account/account.service';
import { Sessions, SessionSettings } from './account/sessions';
import { AuthRateLimiter, AuthRateLimits } from './account/rate-limit';
import { RefreshLoop } from './common/refresh';
import { SharedStore } from './common/shared-store';
import { Viewer } from './access/viewer';
import { Loaders, RequestContext } from './request';
import { createCandidateLoaders } from './candidate/candidate.loaders';
import { CandidateService } from './candidate/candidate.service';
import { CourseCatalog } from './course/course-catalog';
import { createCourseLoaders } from './course/course.loaders';
import { CourseService } from './course/course.service';
import { importExtractor } from './import/extractor';
import { ImportService } from './import/import.service';
import { LearningService } from './learning/learning.service';
import { MatchIndex, MatchIndexOptions } from './matching/match-index';
import { MatchingService } from './matching/matching.service';
import { OpenPostings } from './matching/open-postings';
import { createPostingLoaders } from './posting/posting.loaders';
import { PostingService } from './posting/posting.service';
import { SkillCatalog } from './skill/skill-catalog';
import { createSkillLoaders } from './skill/skill.loaders';
import { SkillService } from './skill/skill.service';
import { ExtractionService } from './taxonomy/extraction.service';

/** Services hold no per-request state, so one set serves every request. */
export function createServices(
  db: DataSource,
  auth: SessionSettings & { authRateLimits: AuthRateLimits },
  store: SharedStore,
  {
    indexSnapshot = null,
    rankingThreads = 1,
  }: { indexSnapshot?: MatchIndexOptions['snapshot']; rankingThreads?: number } = {},
) {
  const skillCatalog = new SkillCatalog(db);
  const skills = new SkillService(db, skillCatalog);
  const extraction = new ExtractionService(db, skillCatalog, loadTaxonomy);
  const postings = new PostingService(db, skills, (text) => extraction.proposePostingSkills(text));
  const matchIndex = new MatchIndex(db, {
    skills: skillCatalog,
    snapshot: indexSnapshot,
    threads: { threads: rankingThreads },
  });
  const courseCatalog = new CourseCatalog(db);
  const openPostings = new OpenPostings(db);
  // What the process holds of the database, and how each copy keeps current (all through
  // `refresh`, see common/refresh.ts). Checked on use, one statement by the request that
  // reads them: the open postings and the course catalogue. Refreshed every second by the
  // loop the app starts: the skill catalogue, then the match index, which ranks with its
  // tree. Writes through this process also refresh them at once (the services say where).
  const refreshLoop = new RefreshLoop('match index: change feed', [skillCatalog, matchIndex]);
  return {
    skillCatalog,
    skills,
    extraction,
    postings,
    candidates: new CandidateService(db, skills, {
      onProfileChanged: (candidate) => matchIndex.applyProfile(candidate),
      onCandidatesChanged: (ids) => matchIndex.refreshCandidates(ids),
    }),
    courses: new CourseService(db, skills),
    matchIndex,
    matching: new MatchingService(matchIndex, postings, openPostings, skillCatalog),
    courseCatalog,
    openPostings,
    refreshLoop,
    learning: new LearningService(courseCatalog, openPostings),
    accounts: new AccountService(
      db,
      new Sessions(db, auth),
      demoAccounts.map((account) => account.email),
    ),
    authRateLimiter: new AuthRateLimiter(auth.authRateLimits, store),
    store,
    // Candidates imported here rank at once on this instance; others follow updatedAt.
    imports: new ImportService(db, skills, {
      extractSkills: importExtractor(extraction),
      onCandidatesChanged: (ids) => matchIndex.refreshCandidates(ids),
    }),
  };
}
export type Services = ReturnType<typeof createServices>;

/** Fresh per request: a DataLoader cache must never outlive the request or serve another user. */
export function createLoaders(db: DataSource, skillCatalog: SkillCatalog): Loaders {
  return {
    ...createSkillLoaders(db, skillCatalog),
    ...createPostingLoaders(db),
    ...createCandidateLoaders(db),
    ...createCourseLoaders(db),
  };
}

/** What a request brings; the services are handed to the resolvers by constructor (schema.ts). */
export interface Context extends RequestContext {
  db: DataSource;
  /** Fresh per request like `loaders`; apart from them because accounts sit above the domains. */
  accountLoaders: AccountLoaders;
}

export function createContext(
  db: DataSource,
  services: Services,
  viewer: Viewer | null = null,
  requestId: string = randomUUID(),
  ip = 'local',
): Context {
  return {
    requestId,
    viewer,
    ip,
    db,
    loaders: createLoaders(db, services.skillCatalog),
    accountLoaders: createAccountLoaders(db),
  };
}
