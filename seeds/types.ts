// Seed data is written as plain typed records keyed by natural keys (skill slugs,
// course titles, company names, e-mails) so the loader can upsert it idempotently
// and the data files never depend on database ids.

export type SkillCategorySeed =
  'LANGUAGE' | 'FRAMEWORK' | 'DATABASE' | 'API' | 'PLATFORM' | 'TOOL' | 'PRACTICE' | 'CONCEPT' | 'SOFT_SKILL';

export interface SkillSeed {
  slug: string;
  name: string;
  category: SkillCategorySeed;
  description: string;
  /** slug of the more general skill, e.g. django -> python */
  parent?: string;
  /** other names people use; matched case-insensitively, unique across all skills */
  aliases?: string[];
}

/** Levels run 1 (aware) to 5 (expert). */
export type Level = 1 | 2 | 3 | 4 | 5;

export interface CourseSeed {
  title: string;
  provider: string;
  format: 'ONLINE' | 'IN_PERSON' | 'LIVE_ONLINE';
  durationWeeks?: number;
  durationHours?: number;
  priceUsd?: number;
  url?: string;
  level: 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED';
  description: string;
  /** skills taught, with the level the course brings a learner to */
  skills: { skill: string; level: Level }[];
  /** slugs of skills a learner should hold before starting */
  prerequisites?: string[];
}

export interface CompanySeed {
  name: string;
}

export interface PostingSeed {
  title: string;
  company: string;
  description: string;
  seniority: 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD';
  minYearsExperience: number;
  location: string;
  remote: 'ONSITE' | 'HYBRID' | 'REMOTE';
  salaryMin?: number;
  salaryMax?: number;
  salaryCurrency: string;
  status: 'OPEN' | 'CLOSED';
  /** weight defaults to 1.0 for REQUIRED and 0.5 for PREFERRED */
  skills: { skill: string; importance: 'REQUIRED' | 'PREFERRED'; minLevel: Level; weight?: number }[];
}

export interface CandidateSeed {
  displayName: string;
  email: string;
  headline: string;
  location: string;
  remote: 'ONSITE' | 'HYBRID' | 'REMOTE';
  yearsExperience: number;
  openToWork: boolean;
  skills: { skill: string; level: Level; years?: number }[];
}
