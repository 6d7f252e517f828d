import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../candidate/candidate.entity';
import { rowsVersion } from '../common/rows-version';
import { Skill } from '../skill/skill.entity';
import { FeedPosition } from './change-feed';
import { Columns, PostingList, roomFor, shared } from './index-storage';

// The match index saved to a file, so a restart loads it in a fraction of a second instead
// of reading every candidate from the database (8 to 11 s at a million): the columns and
// posting lists as the bytes they are in memory, and the change feed's position, from which
// the restarted index catches up with what was written meanwhile. A file written for
// another database, schema or set of skills (its `stamp` differs), or damaged, is ignored:
// the index is then built from the database as without one.
//
// Layout: MAGIC, the header's length (uint32), the header (JSON), then the ids and versions
// the change feed has seen (as arrays: right after a large page of the feed they number tens
// of thousands, and encoding them as JSON held the event loop for tens of milliseconds),
// each column, and each posting list's slots and levels, in the header's order, every array
// starting on an 8-byte boundary.

const MAGIC = Buffer.from('SKILLGRAPH-MATCH-INDEX\n');
/** Bumped when the layout changes: a file of another format is ignored. */
const FORMAT = 2;

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
  /** the change feed's watermark, and how many versions seen follow the header */
  feed: { watermark: number | null; seen: number };
  locations: string[];
  /** [skill id, entries] per posting list */
  lists: [number, number][];
}

type Column = Int32Array | Float64Array | Uint8Array | Uint16Array;

function columnsOf(c: Columns): Column[] {
  return [c.ids, c.years, c.openToWork, c.alive, c.remote, c.location, c.skillCount];
}

const padding = (length: number) => (8 - (length % 8)) % 8;

/** Bytes handed to the file at once while saving: a few milliseconds' worth of writing. */
const WRITE_SLICE = 1 << 21;

/**
 * Writes the image to `path`, whole or not at all (a crash mid-write leaves the previous
 * file). The arrays go to the file straight from the index, a slice at a time with the
 * event loop served in between, rather than copied first into one buffer of the file's
 * size: at a million candidates that buffer (about 130 MB) made the garbage collector
 * stop the process for a full collection. The caller keeps the index unchanged until
 * `copied` is called, once every byte is handed to the file (before it is synced).
 */
export async function writeIndexFile(
  path: string,
  stamp: string,
  image: IndexImage,
  copied: () => void,
): Promise<void> {
  const { columns, lists } = image;
  const size = columns.size;
  const header: Header = {
    format: FORMAT,
    stamp,
    size,
    feed: { watermark: image.feed.watermark, seen: image.feed.seen.ids.length },
    locations: image.locations,
    lists: [...lists].map(([skillId, list]) => [skillId, list.size]),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const arrays: ArrayBufferView[] = [image.feed.seen.ids, image.feed.seen.times];
  for (const column of columnsOf(columns)) arrays.push(column.subarray(0, size));
  for (const list of lists.values())
    arrays.push(list.slots.subarray(0, list.size), list.levels.subarray(0, list.size));
  const start = MAGIC.length + 4 + headerBytes.length;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const zeros = Buffer.alloc(8);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const file = await open(partial, 'w', 0o600);
  try {
    try {
      await file.write(Buffer.concat([MAGIC, length, headerBytes, zeros.subarray(0, padding(start))]));
      for (const array of arrays) {
        const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
        for (let from = 0; from < bytes.length; from += WRITE_SLICE)
          await file.write(bytes.subarray(from, from + WRITE_SLICE));
        if (padding(bytes.length) > 0) await file.write(zeros.subarray(0, padding(bytes.length)));
      }
    } finally {
      copied();
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(partial, path).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
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
  // for as long as the smallest list lives (and the index's arrays are shared: see `shared`).
  // `length` leaves room past the `count` read (see roomFor).
  const take = <T extends Column>(make: (n: number) => T, count: number, length = count): T => {
    const array = make(length);
    const byteLength = count * array.BYTES_PER_ELEMENT;
    const end = at + byteLength;
    if (end > bytes.length) throw new RangeError('snapshot truncated');
    new Uint8Array(array.buffer).set(bytes.subarray(at, end));
    at = end + padding(byteLength);
    return array;
  };
  try {
    const seen = header.feed.seen;
    const feed: FeedPosition = {
      watermark: header.feed.watermark,
      seen: { ids: take((n) => new Int32Array(n), seen), times: take((n) => new Float64Array(n), seen) },
    };
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
      list.slots = take((n) => shared(Int32Array, n), entries, roomFor(entries));
      list.levels = take((n) => shared(Uint8Array, n), entries, roomFor(entries));
      list.size = entries;
      list.checkOrder(); // saved by a version that filled lists in no set order, perhaps
      lists.set(skillId, list);
    }
    if (at !== bytes.length) return null;
    return { columns, lists, locations: header.locations, feed };
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
