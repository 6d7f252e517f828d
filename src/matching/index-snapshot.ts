import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../candidate/candidate.entity';
import { rowsVersion } from '../common/rows-version';
import { Skill } from '../skill/skill.entity';
import { FeedPosition } from './change-feed';
import { Columns, PostingList } from './index-storage';

// The match index saved to a file, so a restart loads it in a fraction of a second instead
// of reading every candidate from the database (8 to 11 s at a million): the columns and
// posting lists as the bytes they are in memory, and the change feed's position, from which
// the restarted index catches up with what was written meanwhile. A file written for
// another database, schema or set of skills (its `stamp` differs), or damaged, is ignored:
// the index is then built from the database as without one.
//
// Layout: MAGIC, the header's length (uint32), the header (JSON), then each column and each
// posting list's slots and levels, in the header's order, every array starting on an
// 8-byte boundary.

const MAGIC = Buffer.from('SKILLGRAPH-MATCH-INDEX\n');
/** Bumped when the layout changes: a file of another format is ignored. */
const FORMAT = 1;

/** What the index holds, in the shape it holds it. */
export interface IndexImage {
  columns: Columns;
  lists: Map<number, PostingList>;
  locations: string[];
  /** the change feed's position, from which the loaded index catches up */
  feed: FeedPosition;
}

interface Header {
  format: number;
  stamp: string;
  size: number;
  feed: FeedPosition;
  locations: string[];
  /** [skill id, entries] per posting list */
  lists: [number, number][];
}

type Column = Columns['ids'] | Columns['years'] | Columns['alive'] | Columns['skillCount'];

function columnsOf(c: Columns): Column[] {
  return [c.ids, c.years, c.openToWork, c.alive, c.remote, c.location, c.skillCount];
}

const padding = (length: number) => (8 - (length % 8)) % 8;

/** Bytes copied between two turns of the event loop while saving: about a millisecond's worth. */
const COPY_SLICE = 1 << 21;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The image as bytes, copied a slice at a time with the event loop served in between, so a
 * save at a million candidates (about 70 MB) never holds up requests. The caller keeps the
 * index unchanged until this resolves (see `MatchIndex.saveSnapshot`).
 */
export async function encodeIndex(stamp: string, image: IndexImage): Promise<Buffer> {
  const { columns, lists } = image;
  const size = columns.size;
  const header: Header = {
    format: FORMAT,
    stamp,
    size,
    feed: image.feed,
    locations: image.locations,
    lists: [...lists].map(([skillId, list]) => [skillId, list.size]),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const arrays: ArrayBufferView[] = columnsOf(columns).map((column) => column.subarray(0, size));
  for (const list of lists.values())
    arrays.push(list.slots.subarray(0, list.size), list.levels.subarray(0, list.size));
  let start = MAGIC.length + 4 + headerBytes.length;
  start += padding(start);
  let length = start;
  for (const array of arrays) length += array.byteLength + padding(array.byteLength);
  // Not zeroed as a whole (70 MB at once would stall); every byte is written below.
  const out = Buffer.allocUnsafe(length);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(out, MAGIC.length + 4);
  out.fill(0, MAGIC.length + 4 + headerBytes.length, start);
  let at = start;
  let sinceTurn = 0;
  for (const array of arrays) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let from = 0; from < bytes.length; from += COPY_SLICE) {
      const slice = bytes.subarray(from, from + COPY_SLICE);
      out.set(slice, at + from);
      sinceTurn += slice.length;
      if (sinceTurn >= COPY_SLICE) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
    at += bytes.length;
    out.fill(0, at, at + padding(bytes.length));
    at += padding(bytes.length);
  }
  return out;
}

/** The image a file holds, or null when it is not one of `stamp` (another database, schema or taxonomy). */
export function decodeIndex(bytes: Buffer, stamp: string): IndexImage | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || header.stamp !== stamp) return null;
  let at = MAGIC.length + 4 + headerLength;
  at += padding(at);
  // Copies, not views: typed arrays over the file's buffer would keep all of it alive
  // for as long as the smallest list lives.
  const take = <T extends Column>(make: (n: number) => T, count: number): T => {
    const array = make(count);
    const end = at + array.byteLength;
    if (end > bytes.length) throw new RangeError('snapshot truncated');
    new Uint8Array(array.buffer).set(bytes.subarray(at, end));
    at = end + padding(array.byteLength);
    return array;
  };
  try {
    const columns = new Columns();
    columns.ensure(Math.max(header.size, 1));
    const size = header.size;
    columns.ids.set(take((n) => new Int32Array(n), size));
    columns.years.set(take((n) => new Float64Array(n), size));
    columns.openToWork.set(take((n) => new Uint8Array(n), size));
    columns.alive.set(take((n) => new Uint8Array(n), size));
    columns.remote.set(take((n) => new Uint8Array(n), size));
    columns.location.set(take((n) => new Int32Array(n), size));
    columns.skillCount.set(take((n) => new Uint16Array(n), size));
    columns.size = size;
    const lists = new Map<number, PostingList>();
    for (const [skillId, entries] of header.lists) {
      const list = new PostingList();
      list.slots = take((n) => new Int32Array(n), entries);
      list.levels = take((n) => new Uint8Array(n), entries);
      list.size = entries;
      list.checkOrder(); // saved by a version that filled lists in no set order, perhaps
      lists.set(skillId, list);
    }
    if (at !== bytes.length) return null;
    return { columns, lists, locations: header.locations, feed: header.feed };
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * What a saved index must have been saved with to be loaded: the database (`source`, a
 * name without credentials), the columns of the tables it reads, and the skills as they
 * stand (any skill written since moves it).
 */
export async function snapshotStamp(db: DataSource, source: string): Promise<string> {
  const columns = [Candidate, CandidateSkill].map((entity) =>
    db.getMetadata(entity).columns.map((c) => `${c.databaseName} ${String(c.type)}`),
  );
  const schema = createHash('sha256').update(JSON.stringify(columns)).digest('hex').slice(0, 16);
  const skills = await rowsVersion(db.getRepository(Skill).createQueryBuilder('skill'), 'skill');
  return `${source} schema ${schema} skills ${skills}`;
}

/** Writes the file whole or not at all: a crash mid-write leaves the previous one. */
export async function writeSnapshotFile(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const file = await open(partial, 'w', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(partial, path).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
}

/** The file's bytes, or null when there is none. */
export async function readSnapshotFile(path: string): Promise<Buffer | null> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!file) return null;
  try {
    return await file.readFile();
  } finally {
    await file.close();
  }
}
