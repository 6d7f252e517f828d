import { Readable } from 'node:stream';
import fc from 'fast-check';
import { RawRow } from '../../src/import/import.types';
import { validateRecord } from '../../src/import/records';
import { csvRows, jsonlRows, MAX_LINE_BYTES } from '../../src/import/sources';

// Reading and validating rows, without a database: line numbers, the CSV list form, and
// every rejection code a row can get before its skills are looked up.

async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** The text in chunks of `size` bytes, as a file stream would hand it over. */
const chunked = (text: string, size: number) => {
  const buffer = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return Readable.from(parts);
};

describe('jsonlRows', () => {
  it('numbers lines from 1 across CRLF, blank lines, a BOM and any chunking', async () => {
    const text = '\uFEFF{"a":1}\r\n\r\n{"b":"é"}\nnot json\n[1]\n{"c":3}';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (size) => {
        const rows = await collect(jsonlRows(chunked(text, size)));
        expect(rows.map((r) => ('error' in r ? [r.line, r.error.code] : [r.line, r.fields]))).toEqual([
          [1, { a: 1 }],
          [3, { b: 'é' }],
          [4, 'MALFORMED_JSON'],
          [5, 'MALFORMED_JSON'],
          [6, { c: 3 }],
        ]);
      }),
    );
  });

  it('refuses a line over the cap without holding it, and reads on', async () => {
    const long = `{"x":"${'a'.repeat(MAX_LINE_BYTES)}"}`;
    const rows = await collect(jsonlRows(chunked(`${long}\n{"ok":true}\n`, 64 * 1024)));
    expect(rows.map((r) => ('error' in r ? [r.line, r.error.code] : [r.line, r.fields]))).toEqual([
      [1, 'LINE_TOO_LONG'],
      [2, { ok: true }],
    ]);
  });
});

describe('csvRows', () => {
  it('names fields by the header and numbers rows by their line', async () => {
    const text = 'externalId,displayName,skills\nA,"Doe, Jane",python:4;sql:3\n\nB,Bo,\n';
    const rows = await collect(csvRows(Readable.from([text])));
    expect(rows).toEqual([
      { line: 2, fields: { externalId: 'A', displayName: 'Doe, Jane', skills: 'python:4;sql:3' } },
      { line: 4, fields: { externalId: 'B', displayName: 'Bo', skills: '' } },
    ]);
  });
});

describe('validateRecord', () => {
  const candidate = { type: 'candidate', externalId: 'C-1', displayName: 'Ada' };
  const codes = (fields: Record<string, unknown>, expected: 'candidate' | null = null) => {
    const result = validateRecord(fields, 7, expected);
    return 'errors' in result ? result.errors.map((e) => [e.line, e.field, e.code]) : [];
  };

  it.each([
    ['no type', { externalId: 'x' }, [[7, 'type', 'MISSING_FIELD']]],
    ['an unknown type', { type: 'robot' }, [[7, 'type', 'UNKNOWN_TYPE']]],
    [
      'a missing required field',
      { type: 'candidate', externalId: 'x' },
      [[7, 'displayName', 'MISSING_FIELD']],
    ],
    ['an empty required field', { ...candidate, displayName: '  ' }, [[7, 'displayName', 'MISSING_FIELD']]],
    [
      'a level over 5',
      { ...candidate, skills: [{ skill: 'go', level: 6 }] },
      [[7, 'skills[0].level', 'LEVEL_OUT_OF_RANGE']],
    ],
    [
      'a level of 0 in CSV form',
      { ...candidate, skills: 'go:0' },
      [[7, 'skills[0].level', 'LEVEL_OUT_OF_RANGE']],
    ],
    [
      'a list over its cap',
      { ...candidate, skills: Array(51).fill({ skill: 'go' }) },
      [[7, 'skills', 'TOO_MANY_ITEMS']],
    ],
    ['an unknown enum value', { ...candidate, remote: 'MARS' }, [[7, 'remote', 'INVALID_VALUE']]],
    [
      'text for a number',
      { ...candidate, yearsExperience: 'many' },
      [[7, 'yearsExperience', 'INVALID_VALUE']],
    ],
    ['an e-mail without @', { ...candidate, email: 'nobody' }, [[7, 'email', 'INVALID_VALUE']]],
    [
      'a name over its column',
      { ...candidate, displayName: 'x'.repeat(121) },
      [[7, 'displayName', 'INVALID_VALUE']],
    ],
  ])('rejects %s', (_name, fields, expected) => {
    expect(codes(fields)).toEqual(expected);
  });

  it('rejects a record of another type than the one asked for', () => {
    expect(codes({ type: 'course', externalId: 'x', title: 't', provider: 'p' }, 'candidate')).toEqual([
      [7, 'type', 'TYPE_MISMATCH'],
    ]);
  });

  it('reads CSV strings as the JSON values they stand for, with defaults for what is absent', () => {
    const csv = validateRecord(
      {
        externalId: 'C-1',
        displayName: 'Ada',
        yearsExperience: '4.5',
        openToWork: 'false',
        remote: 'hybrid',
        skills: 'python:4:6;Postgres',
      },
      2,
      'candidate',
    );
    expect(csv).toEqual({
      record: {
        type: 'candidate',
        externalId: 'C-1',
        displayName: 'Ada',
        email: '',
        headline: '',
        location: '',
        remote: 'HYBRID',
        yearsExperience: 4.5,
        openToWork: false,
        skills: [
          { skill: 'python', level: 4, years: 6 },
          { skill: 'Postgres', level: 3, years: null },
        ],
        resume: '',
      },
    });
  });
});
