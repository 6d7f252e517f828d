import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../candidate/candidate.entity';
import { RemotePolicy } from '../common/remote-policy';

// What the match index reads of the database: candidates' own fields and their skills, by
// id or a page at a time, in id order (the index gives candidates their slots in the order
// read, and adds their skills in slot order).

export interface CandidateRow {
  id: number;
  yearsExperience: number;
  openToWork: boolean | number;
  remote: RemotePolicy;
  location: string;
  updatedAt: Date | string;
}

export interface SkillRow {
  candidateId: number;
  skillId: number;
  level: number;
}

/** Candidates in ascending id order, after those of the page before, with their skills. */
export interface IndexPage {
  candidates: readonly CandidateRow[];
  skills: readonly SkillRow[];
}

const CANDIDATE_COLUMNS = ['id', 'yearsExperience', 'openToWork', 'remote', 'location', 'updatedAt'].map(
  (column) => `c.${column} AS ${column}`,
);

/**
 * The ids written into the statement as a list of numbers. Given as parameters, a page of
 * 500 ids took TypeORM tens of milliseconds to name, look up and substitute one at a time
 * (`whereInIds` checks each new name against every one before it), all in one turn of the
 * event loop. Ids are integers, checked here, so the list needs no escaping.
 */
function idList(ids: readonly number[]): string {
  const numbers = ids.map(Number);
  for (const id of numbers) if (!Number.isSafeInteger(id)) throw new Error(`Not a candidate id: ${id}`);
  return numbers.join(', ');
}

/** These candidates, as many as are still there. */
export async function candidatesByIds(db: DataSource, ids: readonly number[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  return db
    .getRepository(Candidate)
    .createQueryBuilder('c')
    .select(CANDIDATE_COLUMNS)
    .where(`c.id IN (${idList(ids)})`)
    .orderBy('c.id', 'ASC')
    .getRawMany<CandidateRow>();
}

/** The next `limit` candidates by id after `afterId`. */
export function candidatesAfter(db: DataSource, afterId: number, limit: number): Promise<CandidateRow[]> {
  return db
    .getRepository(Candidate)
    .createQueryBuilder('c')
    .select(CANDIDATE_COLUMNS)
    .where('c.id > :afterId', { afterId })
    .orderBy('c.id', 'ASC')
    .limit(limit)
    .getRawMany<CandidateRow>();
}

export async function skillsByCandidates(db: DataSource, ids: readonly number[]): Promise<SkillRow[]> {
  if (ids.length === 0) return [];
  return skillRows(db)
    .where(`cs.candidateId IN (${idList(ids)})`)
    .orderBy('cs.candidateId', 'ASC')
    .getRawMany<SkillRow>();
}

/** The skills of the candidates whose ids are above `afterId`, up to `lastId`. */
export function skillsOfIdsBetween(db: DataSource, afterId: number, lastId: number): Promise<SkillRow[]> {
  return skillRows(db)
    .where('cs.candidateId > :afterId AND cs.candidateId <= :lastId', { afterId, lastId })
    .orderBy('cs.candidateId', 'ASC')
    .getRawMany<SkillRow>();
}

function skillRows(db: DataSource) {
  return db
    .getRepository(CandidateSkill)
    .createQueryBuilder('cs')
    .select(['cs.candidateId AS candidateId', 'cs.skillId AS skillId', 'cs.level AS level']);
}

/** Every candidate and their skills from the database, a page at a time. */
export async function* databasePages(db: DataSource, pageSize: number): AsyncGenerator<IndexPage> {
  let afterId = 0;
  for (;;) {
    const rows = await candidatesAfter(db, afterId, pageSize);
    if (rows.length === 0) return;
    const lastId = Number(rows[rows.length - 1].id);
    yield { candidates: rows, skills: await skillsOfIdsBetween(db, afterId, lastId) };
    afterId = lastId;
  }
}

/**
 * The ids a page at a time, each once. Told apart from repeats as the pages are taken: a set
 * of the 50,000 ids of a large page of the change feed, made at once, held the event loop
 * several milliseconds.
 */
export function* uniquePages(ids: readonly number[], size: number): Generator<number[]> {
  const seen = new Set<number>();
  let page: number[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    page.push(id);
    if (page.length < size) continue;
    yield page;
    page = [];
  }
  if (page.length > 0) yield page;
}

/**
 * The slot of each skill row's candidate (-1 for one not held), and the rows of those held in
 * slot order. The rows come in candidate id order, as the candidates were given their slots,
 * and are sorted only if not: sorting a page's 5,000 rows as objects took milliseconds.
 */
export function inSlotOrder(
  rows: readonly SkillRow[],
  slotOf: (id: number) => number | undefined,
): { slots: number[]; order: number[] } {
  const slots = rows.map((r) => slotOf(Number(r.candidateId)) ?? -1);
  const order: number[] = [];
  let ordered = true;
  for (let i = 0; i < rows.length; i++) {
    if (slots[i] < 0) continue;
    if (order.length > 0 && slots[i] < slots[order[order.length - 1]]) ordered = false;
    order.push(i);
  }
  if (!ordered) order.sort((a, b) => slots[a] - slots[b]);
  return { slots, order };
}
