import { CourseFormat, CourseLevel } from '../course/course.entity';
import { RemotePolicy } from '../common/remote-policy';
import { Importance, PostingStatus, Seniority } from '../posting/posting.entity';

// The records of an import file, as the file states them and as they are written. Pure
// types: the parsing, validation and writing modules share them.

export const RECORD_TYPES = ['posting', 'candidate', 'course'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Why a row was refused: part of the report's contract, so clients may branch on it. */
export type RejectionCode =
  | 'MALFORMED_JSON'
  | 'MALFORMED_CSV'
  | 'LINE_TOO_LONG'
  | 'UNKNOWN_TYPE'
  | 'TYPE_MISMATCH'
  | 'MISSING_FIELD'
  | 'INVALID_VALUE'
  | 'LEVEL_OUT_OF_RANGE'
  | 'UNKNOWN_SKILL'
  | 'DUPLICATE_SKILL'
  | 'TOO_MANY_ITEMS'
  | 'COMPANY_NOT_ALLOWED'
  | 'CONFLICT';

export interface ImportError {
  /** 1-based line of the file where the row starts */
  line: number;
  /** the field at fault, or null when the whole row is */
  field: string | null;
  code: RejectionCode;
  message: string;
}

/** A record that listed no skills, and how many its text gave it. */
export interface ImportExtraction {
  line: number;
  externalId: string;
  skillCount: number;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  /** records (created, updated or unchanged) whose skills were read from their text */
  extracted: number;
  /** how many skills each of them got, by line (the first ones, as many as `errors` lists) */
  extractions: ImportExtraction[];
}

export type Outcome = 'created' | 'updated' | 'unchanged';

/** One row of a file, read but not yet validated. */
export type RawRow = { line: number; fields: Record<string, unknown> } | { line: number; error: ImportError };

export interface NamedSkill {
  /** slug or alias as the file gives it */
  skill: string;
  level: number;
  /** posting skills only */
  importance?: Importance;
  weight?: number | null;
  /** candidate skills only */
  years?: number | null;
}

export interface PostingRecord {
  type: 'posting';
  externalId: string;
  /** company name; null when the importer's own company is meant */
  company: string | null;
  title: string;
  description: string;
  location: string;
  remote: RemotePolicy;
  seniority: Seniority;
  minYearsExperience: number;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string;
  status: PostingStatus;
  /** null: read from title and description */
  skills: NamedSkill[] | null;
}

export interface CandidateRecord {
  type: 'candidate';
  externalId: string;
  displayName: string;
  email: string;
  headline: string;
  location: string;
  remote: RemotePolicy;
  yearsExperience: number;
  openToWork: boolean;
  /** null: read from the resume */
  skills: NamedSkill[] | null;
  resume: string;
}

export interface CourseRecord {
  type: 'course';
  externalId: string;
  title: string;
  provider: string;
  url: string | null;
  description: string;
  level: CourseLevel;
  format: CourseFormat;
  durationHours: number | null;
  durationWeeks: number | null;
  priceUsd: number | null;
  /** null: read from title and description */
  skills: NamedSkill[] | null;
  prerequisites: string[];
}

export type ImportRecord = PostingRecord | CandidateRecord | CourseRecord;

/** A skill a record will hold, resolved to its id. */
export interface SkillRef {
  skillId: number;
  level: number;
  importance?: Importance;
  weight?: number;
  years?: number | null;
}

/** A validated record with its skills resolved, ready to compare and write. */
export interface ResolvedRecord<R extends ImportRecord = ImportRecord> {
  line: number;
  record: R;
  skills: SkillRef[];
  prerequisiteIds: number[];
  /** whether the skills were read from the record's text, which listed none */
  extracted: boolean;
}

/** A skill read from a record's text, as the record's kind keeps it. */
export interface FoundSkill {
  skillId: number;
  /** a posting's lowest level, a candidate's level, the level a course teaches up to */
  level: number;
  /** postings only */
  importance?: Importance;
}

/**
 * Reads skills from the text of records that list none (a posting's or course's title and
 * description, a resume), a batch at a time: one list per record, in order. Injected, so
 * that the import does not depend on how text is read.
 */
export type SkillExtractor = (records: ImportRecord[]) => Promise<FoundSkill[][]>;
