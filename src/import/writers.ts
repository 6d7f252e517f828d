import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Candidate, CandidateSkill } from '../candidate/candidate.entity';
import { Course, CoursePrerequisite, CourseSkill } from '../course/course.entity';
import { JobPosting, PostingSkill } from '../posting/posting.entity';
import { CandidateRecord, CourseRecord, Outcome, PostingRecord, ResolvedRecord } from './import.types';
import { nextUpdatedAt } from '../common/updated-at';
import { Row, Table } from './sql';

// One batch of records against what is stored: each is created, updated or unchanged.
// Whatever the batch's size, reading what is stored takes one statement per table, and
// writing one upsert of the changed rows (for courses, whose provider and title are a
// second unique key, an INSERT of the new rows and an UPDATE per changed one), one read of
// the new rows' ids, one delete and one insert per link table, for the records whose
// links changed, and one UPDATE stamping them. A record is the whole state of its row and
// links: a field the file leaves out takes its default. Every write moves `updatedAt`,
// which the match index, the open postings and the course catalogue follow on every instance.

export interface BatchResult {
  outcomes: Outcome[];
  /** ids of the records written (created or updated) */
  changedIds: number[];
}

/**
 * A record that the database's collation equates with a stored row the file names
 * otherwise (an accent apart): written, its row could not be found again. Handled as a
 * clash of unique keys: the batch is rolled back and written one record at a time.
 */
export class KeyClash extends Error {}

type Stored = { id: number } & Row;

interface TableSpec<R extends PostingRecord | CandidateRecord | CourseRecord> {
  entity: EntityTarget<ObjectLiteral>;
  /** the columns naming a row, which an upsert matches on */
  key: string[];
  /** each record's stored row, or undefined */
  find: (table: Table, batch: ResolvedRecord<R>[], columns: string[]) => Promise<(Stored | undefined)[]>;
  /** the columns the record sets, in stored form */
  columns: (r: ResolvedRecord<R>) => Row;
  links: LinkTable[];
}

/** Compares, then writes when `write`: the shape shared by the three kinds of record. */
async function applyBatch<R extends PostingRecord | CandidateRecord | CourseRecord>(
  tx: EntityManager,
  batch: ResolvedRecord<R>[],
  write: boolean,
  spec: TableSpec<R>,
): Promise<BatchResult> {
  const table = new Table(tx, spec.entity);
  const columns = batch.map(spec.columns);
  const stored = await spec.find(table, batch, ['id', ...Object.keys(columns[0])]);
  const storedIds = stored.flatMap((s) => (s ? [s.id] : []));
  const storedLinks: Map<number, Row[]>[] = [];
  for (const link of spec.links) storedLinks.push(await link.read(tx, storedIds));
  // per record and link table: whether its links are to be written
  const linksChange = batch.map((r, i) =>
    spec.links.map((link, l) => {
      const row = stored[i];
      return !row || link.key(link.wanted(r)) !== link.key(storedLinks[l].get(row.id) ?? []);
    }),
  );
  const outcomes: Outcome[] = batch.map((_, i) => {
    const row = stored[i];
    if (!row) return 'created';
    const same =
      Object.entries(columns[i]).every(([k, v]) => sameValue(row[k], v)) && !linksChange[i].some(Boolean);
    return same ? 'unchanged' : 'updated';
  });
  const changed = batch.flatMap((_, i) => (outcomes[i] === 'unchanged' ? [] : [i]));
  if (!write || changed.length === 0) return { outcomes, changedIds: [] };

  const created = changed.filter((i) => !stored[i]);
  const rowOf = (i: number) => ({ ...columns[i], externalId: batch[i].record.externalId });
  if (table.upsertsOn(spec.key)) {
    await table.insert(changed.map(rowOf), spec.key);
  } else {
    await table.insert(created.map(rowOf));
    for (const i of changed) if (stored[i]) await table.update(rowOf(i), 'id', [stored[i]!.id]);
  }
  const ids: number[] = batch.map((_, i) => stored[i]?.id ?? 0);
  if (created.length > 0) {
    const found = await spec.find(
      table,
      created.map((i) => batch[i]),
      ['id'],
    );
    for (const [k, i] of created.entries()) {
      if (!found[k]) throw new KeyClash(`record of line ${batch[i].line} not found after writing it`);
      ids[i] = found[k].id;
    }
  }
  for (const [l, link] of spec.links.entries()) {
    const replaced = changed.filter((i) => linksChange[i][l]);
    await link.table(tx).delete(
      link.owner,
      replaced.flatMap((i) => (stored[i] ? [ids[i]] : [])),
    );
    await link
      .table(tx)
      .insert(
        replaced.flatMap((i) => link.wanted(batch[i]).map((row) => ({ [link.owner]: ids[i], ...row }))),
      );
  }
  // The change feeds look back two seconds behind the newest `updatedAt` they saw; a batch
  // on a busy server can take longer than that, so its rows are stamped again by its last
  // statement, leaving only the commit between the stamp and the rows showing. The stamp
  // is the one write of `updatedAt`: it moves every row past its last version, whatever
  // the clock (common/updated-at.ts).
  const changedIds = changed.map((i) => ids[i]);
  await table.update({ updatedAt: nextUpdatedAt(tx) }, 'id', changedIds);
  return { outcomes, changedIds };
}

interface LinkTable {
  table: (tx: EntityManager) => Table;
  /** the column naming the owning row */
  owner: string;
  /** stored links by owner id */
  read: (tx: EntityManager, ownerIds: number[]) => Promise<Map<number, Row[]>>;
  /** the links a record asks for, without the owner column */
  wanted: (r: ResolvedRecord) => Row[];
  /** a canonical form of a set of links, to compare them */
  key: (links: Row[]) => string;
}

function linkTable(
  entity: EntityTarget<ObjectLiteral>,
  owner: string,
  columns: string[],
  wanted: (r: ResolvedRecord) => Row[],
): LinkTable {
  const table = (tx: EntityManager) => new Table(tx, entity);
  return {
    table,
    owner,
    wanted,
    async read(tx, ownerIds) {
      const byOwner = new Map<number, Row[]>();
      if (ownerIds.length === 0) return byOwner;
      for (const row of await table(tx).select([owner, ...columns], owner, ownerIds)) {
        const id = Number(row[owner]);
        let rows = byOwner.get(id);
        if (!rows) byOwner.set(id, (rows = []));
        rows.push(row);
      }
      return byOwner;
    },
    key: (links) =>
      links
        .map((l) => columns.map((c) => String(l[c] ?? null)).join(':'))
        .sort()
        .join(','),
  };
}

const candidateSkills = linkTable(CandidateSkill, 'candidateId', ['skillId', 'level', 'years'], (r) =>
  r.skills.map((s) => ({ skillId: s.skillId, level: s.level, years: s.years ?? null })),
);
const postingSkills = linkTable(
  PostingSkill,
  'postingId',
  ['skillId', 'importance', 'minLevel', 'weight'],
  (r) =>
    r.skills.map((s) => ({
      skillId: s.skillId,
      importance: s.importance,
      minLevel: s.level,
      weight: s.weight,
    })),
);
const courseSkills = linkTable(CourseSkill, 'courseId', ['skillId', 'level'], (r) =>
  r.skills.map((s) => ({ skillId: s.skillId, level: s.level })),
);
const coursePrerequisites = linkTable(CoursePrerequisite, 'courseId', ['skillId'], (r) =>
  r.prerequisiteIds.map((skillId) => ({ skillId })),
);

/** Rows by externalId, in the batch's order. */
async function byExternalId<R extends CandidateRecord | CourseRecord>(
  table: Table,
  records: ResolvedRecord<R>[],
  columns: string[],
): Promise<(Stored | undefined)[]> {
  const rows = await table.select(
    ['externalId', ...columns],
    'externalId',
    records.map((r) => r.record.externalId),
  );
  const byKey = new Map(rows.map((row) => [table.fold(String(row.externalId)), row as Stored]));
  return records.map((r) => byKey.get(table.fold(r.record.externalId)));
}

export function applyCandidates(
  tx: EntityManager,
  batch: ResolvedRecord<CandidateRecord>[],
  write: boolean,
): Promise<BatchResult> {
  return applyBatch(tx, batch, write, {
    entity: Candidate,
    key: ['externalId'],
    find: byExternalId,
    columns: ({ record: c }) => ({
      displayName: c.displayName,
      email: c.email,
      headline: c.headline,
      location: c.location,
      remote: c.remote,
      yearsExperience: c.yearsExperience,
      openToWork: c.openToWork,
    }),
    links: [candidateSkills],
  });
}

/** `companyIds[i]`: the company of `batch[i]`, or null when it does not exist yet (a dry run). */
export function applyPostings(
  tx: EntityManager,
  batch: ResolvedRecord<PostingRecord>[],
  companyIds: (number | null)[],
  write: boolean,
): Promise<BatchResult> {
  const companyOf = new Map(batch.map((r, i) => [r, companyIds[i]]));
  return applyBatch(tx, batch, write, {
    entity: JobPosting,
    key: ['companyId', 'externalId'],
    async find(table, records, columns) {
      const known = records.filter((r) => companyOf.get(r) !== null);
      if (known.length === 0) return records.map(() => undefined);
      const rows = await table.select(
        ['companyId', 'externalId', ...columns],
        'externalId',
        known.map((r) => r.record.externalId),
        { column: 'companyId', values: [...new Set(known.map((r) => companyOf.get(r)!))] },
      );
      const key = (companyId: unknown, externalId: unknown) =>
        `${Number(companyId)}\u0000${table.fold(String(externalId))}`;
      const byKey = new Map(rows.map((row) => [key(row.companyId, row.externalId), row as Stored]));
      return records.map((r) => byKey.get(key(companyOf.get(r), r.record.externalId)));
    },
    columns: (r) => {
      const p = r.record;
      return {
        companyId: companyOf.get(r),
        title: p.title,
        description: p.description,
        location: p.location,
        remote: p.remote,
        seniority: p.seniority,
        minYearsExperience: p.minYearsExperience,
        salaryMin: p.salaryMin,
        salaryMax: p.salaryMax,
        salaryCurrency: p.salaryCurrency,
        status: p.status,
      };
    },
    links: [postingSkills],
  });
}

export function applyCourses(
  tx: EntityManager,
  batch: ResolvedRecord<CourseRecord>[],
  write: boolean,
): Promise<BatchResult> {
  return applyBatch(tx, batch, write, {
    entity: Course,
    key: ['externalId'],
    find: byExternalId,
    columns: ({ record: c }) => ({
      title: c.title,
      provider: c.provider,
      url: c.url,
      description: c.description,
      level: c.level,
      format: c.format,
      durationHours: c.durationHours,
      durationWeeks: c.durationWeeks,
      priceUsd: c.priceUsd,
    }),
    links: [courseSkills, coursePrerequisites],
  });
}

/** Stored and wanted values are equal: numbers as numbers (MySQL returns some as strings). */
function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === null || stored === undefined || wanted === null || wanted === undefined) {
    return (stored ?? null) === (wanted ?? null);
  }
  if (typeof wanted === 'number') return Number(stored) === wanted;
  if (typeof wanted === 'boolean') return Boolean(stored) === wanted;
  return stored === wanted;
}
