import { RemotePolicy } from '../common/remote-policy';
import { CourseFormat, CourseLevel } from '../course/course.entity';
import { PostingStatus, Seniority } from '../posting/posting.entity';
import { RowReader } from './fields';
import {
  CandidateRecord,
  CourseRecord,
  ImportError,
  ImportRecord,
  PostingRecord,
  RECORD_TYPES,
  RecordType,
} from './import.types';

// One row's fields into a typed record, or every reason it cannot be one. Bounds are those
// of the columns and of the API's inputs, so an imported record is one the API could write.

const MAX_SALARY = 100_000_000;

export type Validated = { record: ImportRecord } | { errors: ImportError[] };

/** `expected`: the type every row must have (`--type`, or the mutation's `type`). */
export function validateRecord(
  fields: Record<string, unknown>,
  line: number,
  expected: RecordType | null,
): Validated {
  const row = new RowReader(fields, line);
  const type = typeof fields.type === 'string' ? fields.type.trim().toLowerCase() : (expected ?? '');
  if (type === '') {
    row.fail('type', 'MISSING_FIELD', `type is required: one of ${RECORD_TYPES.join(', ')}`);
    return { errors: row.errors };
  }
  if (!(RECORD_TYPES as readonly string[]).includes(type)) {
    row.fail('type', 'UNKNOWN_TYPE', `unknown type "${String(fields.type)}": use ${RECORD_TYPES.join(', ')}`);
    return { errors: row.errors };
  }
  if (expected !== null && type !== expected) {
    row.fail('type', 'TYPE_MISMATCH', `a ${type} in an import of ${expected} records`);
    return { errors: row.errors };
  }
  const record = readers[type as RecordType](row);
  return row.errors.length > 0 ? { errors: row.errors } : { record };
}

const readers: Record<RecordType, (row: RowReader) => ImportRecord> = {
  posting: readPosting,
  candidate: readCandidate,
  course: readCourse,
};

function readPosting(row: RowReader): PostingRecord {
  const externalId = row.requiredString('externalId', 120);
  const record: PostingRecord = {
    type: 'posting',
    externalId,
    company: row.string('company', 160, null),
    title: row.requiredString('title', 200),
    description: row.string('description', 10000, ''),
    location: row.string('location', 120, ''),
    remote: row.oneOf('remote', RemotePolicy, RemotePolicy.ONSITE),
    seniority: row.oneOf('seniority', Seniority, Seniority.MID),
    minYearsExperience: row.number('minYearsExperience', { min: 0, max: 50, integer: true }, 0),
    salaryMin: row.number('salaryMin', { min: 0, max: MAX_SALARY, integer: true }, null),
    salaryMax: row.number('salaryMax', { min: 0, max: MAX_SALARY, integer: true }, null),
    salaryCurrency: row.string('salaryCurrency', 3, 'USD').toUpperCase(),
    status: row.oneOf('status', PostingStatus, PostingStatus.OPEN),
    skills: row.skills('skills', 'importance'),
  };
  if (!/^[A-Z]{3}$/.test(record.salaryCurrency)) {
    row.fail('salaryCurrency', 'INVALID_VALUE', 'salaryCurrency must be a three-letter ISO 4217 code');
  }
  if (record.salaryMin !== null && record.salaryMax !== null && record.salaryMin > record.salaryMax) {
    row.fail('salaryMax', 'INVALID_VALUE', 'salaryMax is below salaryMin');
  }
  return record;
}

function readCandidate(row: RowReader): CandidateRecord {
  const email = row.string('email', 254, '').toLowerCase();
  if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    row.fail('email', 'INVALID_VALUE', 'email is not an e-mail address');
  }
  return {
    type: 'candidate',
    externalId: row.requiredString('externalId', 120),
    displayName: row.requiredString('displayName', 120),
    email,
    headline: row.string('headline', 200, ''),
    location: row.string('location', 120, ''),
    remote: row.oneOf('remote', RemotePolicy, RemotePolicy.REMOTE),
    yearsExperience: row.number('yearsExperience', { min: 0, max: 70 }, 0),
    openToWork: row.boolean('openToWork', true),
    skills: row.skills('skills', 'years'),
    resume: row.string('resume', 100_000, ''),
  };
}

function readCourse(row: RowReader): CourseRecord {
  const price = row.number('priceUsd', { min: 0, max: 1_000_000 }, null);
  return {
    type: 'course',
    externalId: row.requiredString('externalId', 120),
    title: row.requiredString('title', 200),
    provider: row.requiredString('provider', 120),
    url: row.string('url', 500, null),
    description: row.string('description', 5000, ''),
    level: row.oneOf('level', CourseLevel, CourseLevel.BEGINNER),
    format: row.oneOf('format', CourseFormat, CourseFormat.ONLINE),
    durationHours: row.number('durationHours', { min: 0, max: 10000 }, null),
    durationWeeks: row.number('durationWeeks', { min: 0, max: 520 }, null),
    // stored as DECIMAL(10,2): compared and written at that precision
    priceUsd: price === null ? null : Math.round(price * 100) / 100,
    skills: row.skills('skills', null),
    prerequisites: row.names('prerequisites'),
  };
}

/** The text skills are read from when a record lists none. */
export function textOf(record: ImportRecord): string {
  switch (record.type) {
    case 'posting':
      return `${record.title}\n${record.description}`;
    case 'candidate':
      return record.resume;
    case 'course':
      return `${record.title}\n${record.description}`;
  }
}

/** A record's identity in its table: postings are per company. */
export function keyOf(record: ImportRecord, companyId?: number): string {
  return record.type === 'posting'
    ? `${companyId ?? record.company ?? ''}\u0000${record.externalId}`
    : record.externalId;
}
