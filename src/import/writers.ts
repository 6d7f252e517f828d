import { EntityManager, In, ObjectLiteral, EntityTarget } from 'typeorm';
import { Candidate, CandidateSkill } from '../candidate/candidate.entity';
import { Course, CoursePrerequisite, CourseSkill } from '../course/course.entity';
import { JobPosting, PostingSkill } from '../posting/posting.entity';
import { CandidateRecord, CourseRecord, Outcome, PostingRecord, ResolvedRecord } from './import.types';

// One batch of records against what is stored: each is created, updated or unchanged.
// Reading what is stored takes a statement per table whatever the batch size; writing
// takes one multi-row INSERT of the new rows, an UPDATE per changed one, one read of new ids, one delete and one
// insert per link table. A record is the whole state of its row and links: a field the
// file leaves out takes its default. Every write moves `updatedAt`, which the match index,
// the open postings and the course catalogue follow on every instance.

/** Rows a multi-row INSERT carries at most, under every driver's limit on parameters. */
const INSERT_CHUNK = 1000;

export interface BatchResult {
  outcomes: Outcome[];
  /** ids of the records written (created or updated) */
  changedIds: number[];
}

type Stored = { id: number; externalId: string | null } & ObjectLiteral;

/** Compares, then writes when `write`: the shape shared by the three kinds of record. */
async function applyBatch<R extends PostingRecord | CandidateRecord | CourseRecord, S extends Stored>(
  tx: EntityManager,
  batch: ResolvedRecord<R>[],
  write: boolean,
  table: {
    entity: EntityTarget<S>;
    /** the stored row of each record, or undefined */
    find: (batch: ResolvedRecord<R>[]) => Promise<(S | undefined)[]>;
    /** the columns the record sets, in stored form */
    columns: (r: ResolvedRecord<R>) => Record<string, unknown>;
    links: LinkTable[];
  },
): Promise<BatchResult> {
  const stored = await table.find(batch);
  const storedIds = stored.flatMap((s) => (s ? [s.id] : []));
  const storedLinks = await Promise.all(table.links.map((link) => link.read(tx, storedIds)));
  const outcomes: Outcome[] = batch.map((r, i) => {
    const row = stored[i];
    if (!row) return 'created';
    const columns = table.columns(r);
    const same =
      Object.entries(columns).every(([k, v]) => sameValue(row[k], v)) &&
      table.links.every((link, l) => link.key(link.wanted(r)) === link.key(storedLinks[l].get(row.id) ?? []));
    return same ? 'unchanged' : 'updated';
  });
  if (!write) return { outcomes, changedIds: [] };
  const changed = batch.filter((_, i) => outcomes[i] !== 'unchanged');
  if (changed.length === 0) return { outcomes, changedIds: [] };
  // Plain INSERTs and UPDATEs by id, not an upsert: an upsert would take whichever unique
  // key matched first, and so could overwrite a row that another key (an e-mail, a
  // course's provider and title) belongs to. Such a clash fails instead, and is reported.
  const now = new Date();
  const storedOf = new Map(batch.map((r, i) => [r, stored[i]]));
  const created = changed.filter((r) => !storedOf.get(r));
  for (const chunk of chunks(created, INSERT_CHUNK)) {
    const values = chunk.map((r) => ({
      ...table.columns(r),
      externalId: r.record.externalId,
      updatedAt: now,
    }));
    await tx
      .createQueryBuilder()
      .insert()
      .into(table.entity)
      .values(values as never)
      .updateEntity(false)
      .execute();
  }
  for (const r of changed) {
    const row = storedOf.get(r);
    if (row) await tx.update(table.entity, row.id, { ...table.columns(r), updatedAt: now } as never);
  }
  const createdIds = created.length > 0 ? (await table.find(created)).map((row) => row!.id) : [];
  const createdIdOf = new Map(created.map((r, i) => [r, createdIds[i]]));
  const ids = changed.map((r) => storedOf.get(r)?.id ?? createdIdOf.get(r)!);
  const updatedIds = changed.flatMap((r) => storedOf.get(r)?.id ?? []);
  for (const link of table.links) {
    if (updatedIds.length > 0) await tx.delete(link.entity, { [link.owner]: In(updatedIds) });
    const rows = changed.flatMap((r, i) => link.wanted(r).map((l) => ({ [link.owner]: ids[i], ...l })));
    await insertRows(tx, link.entity, rows);
  }
  // The change feeds look back two seconds behind the newest `updatedAt` they saw; a batch
  // on a busy server can take longer than that, so its rows are stamped again by its last
  // statement, leaving only the commit between the stamp and the rows showing.
  await tx
    .createQueryBuilder()
    .update(table.entity)
    .set({ updatedAt: new Date() } as never)
    .where('id IN (:...ids)', { ids })
    .execute();
  return { outcomes, changedIds: ids };
}

interface LinkTable {
  entity: EntityTarget<ObjectLiteral>;
  /** the column naming the owning row */
  owner: string;
  /** stored links by owner id */
  read: (tx: EntityManager, ownerIds: number[]) => Promise<Map<number, Record<string, unknown>[]>>;
  /** the links a record asks for, without the owner column */
  wanted: (r: ResolvedRecord) => Record<string, unknown>[];
  /** a canonical form of a set of links, to compare them */
  key: (links: Record<string, unknown>[]) => string;
}

function linkTable(
  entity: EntityTarget<ObjectLiteral>,
  owner: string,
  columns: string[],
  wanted: (r: ResolvedRecord) => Record<string, unknown>[],
): LinkTable {
  return {
    entity,
    owner,
    wanted,
    async read(tx, ownerIds) {
      const byOwner = new Map<number, Record<string, unknown>[]>();
      if (ownerIds.length === 0) return byOwner;
      const rows = await rowsWhereIn(tx, entity, owner, ownerIds);
      for (const row of rows) {
        const id = row[owner] as number;
        if (!byOwner.has(id)) byOwner.set(id, []);
        byOwner.get(id)!.push(row);
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

export function applyCandidates(
  tx: EntityManager,
  batch: ResolvedRecord<CandidateRecord>[],
  write: boolean,
): Promise<BatchResult> {
  const find = async (records: ResolvedRecord<CandidateRecord>[]) => {
    const rows = await rowsWhereIn(
      tx,
      Candidate,
      'externalId',
      records.map((r) => r.record.externalId),
    );
    const byKey = new Map(rows.map((row) => [row.externalId, row]));
    return records.map((r) => byKey.get(r.record.externalId));
  };
  return applyBatch(tx, batch, write, {
    entity: Candidate,
    find,
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
  const find = async (records: ResolvedRecord<PostingRecord>[]) => {
    const known = records.filter((r) => companyOf.get(r) !== null);
    if (known.length === 0) return records.map(() => undefined);
    const rows = await rowsWhereIn(
      tx,
      JobPosting,
      'externalId',
      known.map((r) => r.record.externalId),
      { column: 'companyId', values: [...new Set(known.map((r) => companyOf.get(r)!))] },
    );
    const byKey = new Map(rows.map((row) => [`${row.companyId}\u0000${row.externalId}`, row]));
    return records.map((r) => byKey.get(`${companyOf.get(r)}\u0000${r.record.externalId}`));
  };
  return applyBatch(tx, batch, write, {
    entity: JobPosting,
    find,
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
  const find = async (records: ResolvedRecord<CourseRecord>[]) => {
    const rows = await rowsWhereIn(
      tx,
      Course,
      'externalId',
      records.map((r) => r.record.externalId),
    );
    const byKey = new Map(rows.map((row) => [row.externalId, row]));
    return records.map((r) => byKey.get(r.record.externalId));
  };
  return applyBatch(tx, batch, write, {
    entity: Course,
    find,
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

/**
 * Rows whose `column` is one of `values`, as one expanded parameter: `In()` makes a
 * parameter per value, which TypeORM's builder handles in time quadratic in their number.
 */
function rowsWhereIn<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  column: string,
  values: unknown[],
  also?: { column: string; values: unknown[] },
): Promise<T[]> {
  const query = tx
    .getRepository(entity)
    .createQueryBuilder('t')
    .where(`t.${column} IN (:...values)`, { values });
  if (also) query.andWhere(`t.${also.column} IN (:...also)`, { also: also.values });
  return query.getMany();
}

/**
 * A multi-row INSERT of rows that all set the same properties. Written out rather than
 * through TypeORM's insert builder, which looks each parameter up among all the others
 * and so spent most of an import's CPU time on batches of a few thousand rows; values
 * still go through the driver's own conversion (dates, booleans) and as parameters.
 */
async function insertRows(
  tx: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = tx.connection.getMetadata(entity);
  const driver = tx.connection.driver;
  const columns = Object.keys(rows[0]).map((property) => metadata.findColumnWithPropertyName(property)!);
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    await tx.query(
      `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      chunk.flatMap((row) => columns.map((c) => driver.preparePersistentValue(row[c.propertyName], c))),
    );
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
