import { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role } from '../access/role';
import { Viewer } from '../access/viewer';
import { ForbiddenError } from '../errors';
import { UserErrorCode, UserInputError } from '../common/payload';
import { Company } from '../posting/posting.entity';
import { SkillService } from '../skill/skill.service';
import {
  CandidateRecord,
  CourseRecord,
  ImportError,
  ImportRecord,
  ImportReport,
  Outcome,
  PostingRecord,
  RawRow,
  RecordType,
  ResolvedRecord,
  SkillExtractor,
} from './import.types';
import { ImportFormat, ImportRecordsInput, MAX_IMPORT_BYTES } from './import.inputs';
import { keyOf, validateRecord } from './records';
import { csvRows, jsonlRows } from './sources';
import { resolveSkills, SkillNames } from './resolve';
import { keyFolding } from './sql';
import { applyCandidates, applyCourses, applyPostings, KeyClash } from './writers';

// Rows in, report out. Rows are validated one at a time and written a batch at a time,
// each batch in its own short transaction, so that a file of any size neither holds the
// database's locks for long nor stalls the requests the service answers meanwhile. On
// MySQL two batches are at the database at once, on two of the pool's connections, while
// the next is read and validated: the server works on both with a core of its own each.
// They run at READ COMMITTED, which takes no gap locks for their reads, so that the two
// rarely deadlock; a batch that does is tried again.

/** Records a batch carries: with their skills a few thousand rows, a transaction of a fraction of a second. */
export const BATCH_SIZE = 1000;
/** Errors (and extractions) a report lists; `rejected` (and `extracted`) count them all. */
export const MAX_REPORTED_ERRORS = 10_000;
/** Tries a batch is given when the database gives up on it (a deadlock, a lock wait) before the import fails. */
const TRIES = 3;

export interface ImportOptions {
  /** the type every row must have; null lets each row say (JSONL) */
  type: RecordType | null;
  /** validate and compare, writing nothing */
  dryRun: boolean;
  /** a recruiter's company: every posting goes there, and no other type is accepted */
  company?: { id: number; name: string } | null;
  /** called after each batch with the rows read so far */
  onProgress?: (rowsRead: number, report: ImportReport) => void;
  batchSize?: number;
}

export interface ImportHooks {
  /** reads skills from text, for records that list none */
  extractSkills: SkillExtractor;
  /** told the candidates each batch wrote, once it has committed */
  onCandidatesChanged?: (ids: number[]) => Promise<void>;
}

/** A record compared with what is stored, and what became of it. */
interface Written {
  record: ResolvedRecord;
  outcome: Outcome;
}

export class ImportService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly hooks: ImportHooks,
  ) {}

  /** MySQL or MariaDB, rather than the embedded SQLite database and its one connection. */
  private get mysql(): boolean {
    return this.db.options.type !== 'better-sqlite3';
  }

  /** The mutation: an administrator imports any type; a recruiter postings, into their own company only. */
  async importText(viewer: Viewer, input: ImportRecordsInput): Promise<ImportReport> {
    if (Buffer.byteLength(input.data) > MAX_IMPORT_BYTES) {
      throw new UserInputError({
        field: ['data'],
        code: UserErrorCode.TOO_LONG,
        message: `data: must be at most ${MAX_IMPORT_BYTES} bytes; import larger files with npm run import`,
      });
    }
    let company: { id: number; name: string } | null = null;
    if (viewer.role !== Role.ADMIN) {
      if (viewer.role !== Role.RECRUITER || input.type !== 'posting' || viewer.companyId === null) {
        throw new ForbiddenError(
          'Recruiters import postings, into their own company; other imports are for administrators',
        );
      }
      const own = await this.db.getRepository(Company).findOneBy({ id: viewer.companyId });
      if (!own) throw new ForbiddenError('Your company no longer exists');
      company = { id: own.id, name: own.name };
    }
    const text = Readable.from([Buffer.from(input.data)]);
    return this.run(input.format === ImportFormat.CSV ? csvRows(text) : jsonlRows(text), {
      type: input.type,
      dryRun: input.dryRun ?? false,
      company,
    });
  }

  /**
   * With `strict`, the rows are read twice: a dry run first, and the writing run only when
   * it rejected nothing, so that a file with a bad row writes nothing.
   */
  async importRows(
    open: () => AsyncIterable<RawRow>,
    options: ImportOptions & { strict?: boolean },
  ): Promise<ImportReport> {
    if (!options.strict || options.dryRun) return this.run(open(), options);
    const checked = await this.run(open(), { ...options, dryRun: true });
    if (checked.rejected > 0) {
      return { ...checked, created: 0, updated: 0, unchanged: 0, extracted: 0, extractions: [] };
    }
    return this.run(open(), options);
  }

  async run(rows: AsyncIterable<RawRow>, options: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = {
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      extracted: 0,
      extractions: [],
    };
    const names = new SkillNames(this.skills);
    const batchSize = options.batchSize ?? BATCH_SIZE;
    const fold = keyFolding(this.db);
    const writers = this.mysql ? 2 : 1;
    const reject = (errors: ImportError[]) => {
      report.rejected++;
      for (const e of errors) if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
    };
    let batch: { line: number; record: ImportRecord }[] = [];
    let keys = new Set<string>();
    // The batches at the database, while the next one is read and validated; a record
    // repeated in the file waits for the batch with its first copy.
    const inFlight: { done: Promise<void>; keys: Set<string> }[] = [];
    const settle = async (room: number) => {
      while (inFlight.length > room) await inFlight.shift()!.done;
    };
    const flush = async () => {
      await settle(writers - 1);
      if (batch.length === 0) return;
      const started = this.flush(batch, names, options, report, reject);
      started.catch(() => undefined); // awaited at a later flush; not unhandled meanwhile
      inFlight.push({ done: started, keys });
      batch = [];
      keys = new Set();
    };
    let read = 0;
    for await (const row of rows) {
      if (++read % batchSize === 0) options.onProgress?.(read, report);
      if ('error' in row) {
        reject([row.error]);
        continue;
      }
      const checked = validateRecord(row.fields, row.line, options.type);
      if ('errors' in checked) {
        reject(checked.errors);
        continue;
      }
      const scoped = scope(checked.record, row.line, options.company ?? null);
      if ('errors' in scoped) {
        reject(scoped.errors);
        continue;
      }
      // A record repeated in the file is compared with what its first copy wrote.
      const key = `${scoped.type}\u0000${fold(keyOf(scoped))}`;
      if (keys.has(key)) await flush();
      if (inFlight.some((b) => b.keys.has(key))) await settle(0);
      keys.add(key);
      batch.push({ line: row.line, record: scoped });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await settle(0);
    options.onProgress?.(read, report);
    report.errors.sort((a, b) => a.line - b.line);
    report.extractions.sort((a, b) => a.line - b.line);
    return report;
  }

  private async flush(
    batch: { line: number; record: ImportRecord }[],
    names: SkillNames,
    options: ImportOptions,
    report: ImportReport,
    reject: (errors: ImportError[]) => void,
  ): Promise<void> {
    const batchNames = await names.learn(batch.map((b) => b.record));
    const fromText = batch.filter((b) => b.record.skills === null);
    const found = fromText.length > 0 ? await this.hooks.extractSkills(fromText.map((b) => b.record)) : [];
    const foundFor = new Map(fromText.map((b, i) => [b, found[i]]));
    const resolved: ResolvedRecord[] = [];
    for (const b of batch) {
      const result = resolveSkills(b.record, b.line, batchNames, foundFor.get(b) ?? null);
      if ('errors' in result) reject(result.errors);
      else resolved.push(result);
    }
    const tally = ({ written, rejected }: { written: Written[]; rejected: ImportError[][] }) => {
      for (const errors of rejected) reject(errors);
      for (const { record, outcome } of written) {
        report[outcome]++;
        if (!record.extracted) continue;
        report.extracted++;
        if (report.extractions.length < MAX_REPORTED_ERRORS) {
          const { line, record: r, skills } = record;
          report.extractions.push({ line, externalId: r.externalId, skillCount: skills.length });
        }
      }
    };
    try {
      tally(await this.writeTrying(resolved, options));
    } catch (error) {
      if (options.dryRun || !isClash(error)) throw error;
      // One record clashes with a row the file does not own: write the others one by one.
      for (const record of resolved) {
        try {
          tally(await this.writeTrying([record], options));
        } catch (single) {
          if (!isClash(single)) throw single;
          reject([
            { line: record.line, field: null, code: 'CONFLICT', message: conflictMessage(record.record) },
          ]);
        }
      }
    }
  }

  /** `write`, tried again when the database gave up on the transaction rather than refused it. */
  private async writeTrying(records: ResolvedRecord[], options: ImportOptions) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(records, options);
      } catch (error) {
        if (attempt >= TRIES || !isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  /** What became of each record; postings whose company could not be settled are rejected. */
  private async write(
    records: ResolvedRecord[],
    options: ImportOptions,
  ): Promise<{ written: Written[]; rejected: ImportError[][] }> {
    const ofType = <R extends ImportRecord>(type: R['type']) =>
      records.filter((r) => r.record.type === type) as ResolvedRecord<R>[];
    const candidates = ofType<CandidateRecord>('candidate');
    let changedCandidates: number[] = [];
    const work = async (tx: EntityManager) => {
      const written: Written[] = [];
      const rejected: ImportError[][] = [];
      const record = <R extends ImportRecord>(batch: ResolvedRecord<R>[], outcomes: Outcome[]) =>
        batch.forEach((r, i) => written.push({ record: r, outcome: outcomes[i] }));
      if (candidates.length > 0) {
        const result = await applyCandidates(tx, candidates, !options.dryRun);
        record(candidates, result.outcomes);
        changedCandidates = result.changedIds;
      }
      const postings = ofType<PostingRecord>('posting');
      if (postings.length > 0) {
        const companyIds = await this.companyIds(tx, postings, options);
        const placed: ResolvedRecord<PostingRecord>[] = [];
        const placedIds: (number | null)[] = [];
        postings.forEach((p, i) => {
          if (companyIds[i] !== null || options.dryRun) {
            placed.push(p);
            placedIds.push(companyIds[i]);
          } else {
            // a name the database's collation equates with another company's, spelled differently
            const message = 'the company name clashes with the name of another company';
            rejected.push([{ line: p.line, field: 'company', code: 'CONFLICT', message }]);
          }
        });
        if (placed.length > 0) {
          record(placed, (await applyPostings(tx, placed, placedIds, !options.dryRun)).outcomes);
        }
      }
      const courses = ofType<CourseRecord>('course');
      if (courses.length > 0) record(courses, (await applyCourses(tx, courses, !options.dryRun)).outcomes);
      return { written, rejected };
    };
    const result = options.dryRun
      ? await work(this.db.manager)
      : this.mysql
        ? await this.db.transaction('READ COMMITTED', work)
        : await this.db.transaction(work);
    if (changedCandidates.length > 0) await this.hooks.onCandidatesChanged?.(changedCandidates);
    return result;
  }

  /** Each posting's company id: the recruiter's own, else by name, created when new (unless a dry run). */
  private async companyIds(
    tx: EntityManager,
    postings: ResolvedRecord<PostingRecord>[],
    options: ImportOptions,
  ): Promise<(number | null)[]> {
    const own = options.company;
    if (own) return postings.map(() => own.id);
    const names = [...new Set(postings.map((p) => p.record.company!))];
    const byName = new Map<string, number>();
    const read = async (wanted: string[]) => {
      for (const c of await tx.getRepository(Company).findBy({ name: In(wanted) }))
        byName.set(c.name.toLowerCase(), c.id);
    };
    await read(names);
    const missing = names.filter((n) => !byName.has(n.toLowerCase()));
    if (missing.length > 0 && !options.dryRun) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(Company)
        .values(missing.map((name) => ({ name })))
        .orIgnore()
        .updateEntity(false)
        .execute();
      await read(missing);
    }
    return postings.map((p) => byName.get(p.record.company!.toLowerCase()) ?? null);
  }
}

/** A recruiter's postings go to their own company, whatever the file says; other types are refused earlier. */
function scope(
  record: ImportRecord,
  line: number,
  company: { id: number; name: string } | null,
): ImportRecord | { errors: ImportError[] } {
  if (record.type !== 'posting') return record;
  if (company) {
    if (record.company !== null && record.company.toLowerCase() !== company.name.toLowerCase()) {
      return {
        errors: [
          {
            line,
            field: 'company',
            code: 'COMPANY_NOT_ALLOWED',
            message: `postings are imported into your own company, "${company.name}"; leave company out`,
          },
        ],
      };
    }
    return { ...record, company: company.name };
  }
  if (record.company === null) {
    return { errors: [{ line, field: 'company', code: 'MISSING_FIELD', message: 'company is required' }] };
  }
  return record;
}

function conflictMessage(record: ImportRecord): string {
  switch (record.type) {
    case 'candidate':
      return 'another candidate, not imported from this externalId, holds a unique value of this record';
    case 'course':
      return 'a course by this provider with this title exists already under another externalId';
    case 'posting':
      return "a posting with this externalId exists already in the company's postings";
  }
}

/** A duplicate value in a unique index, on MySQL/MariaDB or SQLite, or a key the collation equated. */
function isClash(error: unknown): boolean {
  if (error instanceof KeyClash) return true;
  const code = codeOf(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The database gave up on the transaction (a deadlock, a lock wait too long): it may work again. */
function isTransient(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}

function codeOf(error: unknown): unknown {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.driverError?.code ?? e?.code;
}
