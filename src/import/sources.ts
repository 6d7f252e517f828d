import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { RawRow } from './import.types';

// Rows of a file, one at a time, so that a file of any length is read in bounded memory.
// Every row keeps the 1-based line it starts on, for the report.

/** Longest line (or CSV record) read; a longer one is refused without being held. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** One JSON object a line; blank lines are skipped. */
export async function* jsonlRows(input: Readable): AsyncGenerator<RawRow> {
  for await (const { line, text, tooLong } of lines(input)) {
    if (tooLong) {
      yield rejection(line, 'LINE_TOO_LONG', `the line is longer than ${MAX_LINE_BYTES} bytes`);
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (error) {
      yield rejection(line, 'MALFORMED_JSON', `not JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield rejection(line, 'MALFORMED_JSON', 'a line must hold one JSON object');
      continue;
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}

/** A header row naming the fields, then one record a row (RFC 4180 quoting). */
export async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      max_record_size: MAX_LINE_BYTES,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, fields: record };
    }
  } catch (error) {
    // csv-parse cannot resynchronise after a broken quote: the rest of the file is unreadable.
    const e = error as { message: string; lines?: number };
    yield rejection(e.lines ?? 0, 'MALFORMED_CSV', e.message);
  }
}

function rejection(
  line: number,
  code: 'MALFORMED_JSON' | 'MALFORMED_CSV' | 'LINE_TOO_LONG',
  message: string,
): RawRow {
  return { line, error: { line, field: null, code, message } };
}

/** Lines split on \n (a trailing \r dropped), with their numbers; a line over the cap is skipped, not held. */
async function* lines(input: Readable): AsyncGenerator<{ line: number; text: string; tooLong: boolean }> {
  let line = 1;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const finish = () => {
    const buffer = Buffer.concat(parts);
    const end = buffer.length > 0 && buffer[buffer.length - 1] === 0x0d ? buffer.length - 1 : buffer.length;
    const result = { line, text: tooLong ? '' : buffer.toString('utf8', 0, end), tooLong };
    parts = [];
    size = 0;
    tooLong = false;
    line++;
    return result;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      append(data.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    append(data.subarray(start));
  }
  if (size > 0 || tooLong) yield finish();

  function append(piece: Buffer): void {
    if (tooLong || piece.length === 0) return;
    size += piece.length;
    if (size > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
  }
}
