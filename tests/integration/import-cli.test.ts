import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, IsNull, Not } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Course, CourseSkill } from '../../src/course/course.entity';
import { Company, JobPosting, PostingSkill } from '../../src/posting/posting.entity';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';

// `npm run import` as an operator runs it: a process of its own against MySQL, judged by
// its exit status, its output and what it left in the database.

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

const describeOnMysql = isEmbedded() ? describe.skip : describe;

let db: DataSource;
let dir: string;

/** The command from its TypeScript source, transpiled as it loads (type errors are `npm run typecheck`'s). */
function importCommand(...args: string[]): Promise<Run> {
  const url = (db.options as { url?: string }).url!;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register', 'src/cli/import.ts', ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          TS_NODE_TRANSPILE_ONLY: '1',
          TS_NODE_PROJECT: 'tsconfig.json',
          // seeds/taxonomy/taxonomy.ts, not the taxonomy.json beside it, which Node tries first
          TS_NODE_PREFER_TS_EXTS: '1',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, lines: (string | object)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const report = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const candidate = (n: number, extra: object = {}) => ({
  type: 'candidate',
  externalId: `CLI-${n}`,
  displayName: `Cli Candidate ${n}`,
  email: `cli${n}@example.com`,
  skills: [
    { skill: 'python', level: 4 },
    { skill: 'sql', level: 3 },
  ],
  ...extra,
});
const posting = {
  type: 'posting',
  externalId: 'CLI-P1',
  company: 'Cli Imports Ltd',
  title: 'Imported platform role',
  skills: [{ skill: 'aws', minLevel: 3 }],
};

const imported = () =>
  db.getRepository(Candidate).find({ where: { externalId: Not(IsNull()) }, order: { id: 'ASC' } });

beforeAll(async () => {
  db = await createTestDatabase('reference');
  dir = mkdtempSync(join(tmpdir(), 'skillgraph-import-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.destroy();
});

describeOnMysql('npm run import', () => {
  const good = () => file('good.jsonl', [candidate(1), candidate(2), posting]);
  const withBadLine = () =>
    file('bad.jsonl', [
      candidate(1),
      candidate(2),
      { ...candidate(3), skills: [{ skill: 'pyhton', level: 3 }] },
      posting,
    ]);

  it('--dry-run reports what would change, writes nothing, and exits 1 for a rejected row', async () => {
    const out = join(dir, 'dry.json');
    const run = await importCommand(withBadLine(), '--dry-run', '--report', out);
    expect(run.status).toBe(1);
    expect(report(out)).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      errors: [
        {
          line: 3,
          field: 'skills[0].skill',
          code: 'UNKNOWN_SKILL',
          message: 'unknown skill "pyhton"; did you mean "python"?',
        },
      ],
      extracted: 0,
      extractions: [],
    });
    expect(run.stdout).toContain('line 3 skills[0].skill: UNKNOWN_SKILL');
    expect(await imported()).toEqual([]);
    expect(await db.getRepository(Company).countBy({ name: 'Cli Imports Ltd' })).toBe(0);
  });

  it('--strict writes nothing when a row is rejected', async () => {
    const run = await importCommand(withBadLine(), '--strict');
    expect(run.status).toBe(1);
    expect(await imported()).toEqual([]);
    expect(await db.getRepository(JobPosting).countBy({ externalId: 'CLI-P1' })).toBe(0);
  });

  it('writes the good rows around a bad one, and a second run changes nothing', async () => {
    const first = await importCommand(withBadLine(), '--report', join(dir, 'first.json'));
    expect(first.status).toBe(1);
    expect(report(join(dir, 'first.json'))).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    const rows = await imported();
    expect(rows.map((c) => c.externalId)).toEqual(['CLI-1', 'CLI-2']);

    const second = await importCommand(good(), '--report', join(dir, 'second.json'));
    expect(second.status).toBe(0);
    expect(report(join(dir, 'second.json'))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
      errors: [],
      extracted: 0,
      extractions: [],
    });
    expect((await imported()).map((c) => [c.id, c.updatedAt])).toEqual(rows.map((c) => [c.id, c.updatedAt]));
    expect(await db.getRepository(JobPosting).countBy({ externalId: 'CLI-P1' })).toBe(1);
  });

  it('updates a changed row in place', async () => {
    const [before] = await imported();
    const changed = file('changed.jsonl', [
      candidate(1, { headline: 'Now a lead', skills: [{ skill: 'django', level: 5 }] }),
    ]);
    const run = await importCommand(changed, '--report', join(dir, 'changed.json'));
    expect(run.status).toBe(0);
    expect(report(join(dir, 'changed.json'))).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await db.getRepository(Candidate).findOneByOrFail({ externalId: 'CLI-1' });
    expect(after).toMatchObject({ id: before.id, headline: 'Now a lead' });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const skills = await db
      .getRepository(CandidateSkill)
      .find({ where: { candidateId: before.id }, relations: { skill: true } });
    expect(skills.map((s) => [s.skill!.slug, s.level])).toEqual([['django', 5]]);
  });

  it('reads a CSV file of one type, with lists as skill:level pairs', async () => {
    const csv = join(dir, 'candidates.csv');
    writeFileSync(
      csv,
      [
        'externalId,displayName,email,headline,skills',
        'CLI-20,Csv One,csv1@example.com,"Python, SQL",python:4;sql:3',
        'CLI-21,,csv2@example.com,No name,python:4',
        'CLI-22,Csv Three,csv3@example.com,Level too high,python:9',
      ].join('\n'),
    );
    const run = await importCommand(csv, '--type', 'candidate', '--report', join(dir, 'csv.json'));
    expect(run.status).toBe(1);
    const result = report(join(dir, 'csv.json'));
    expect(result).toMatchObject({ created: 1, rejected: 2 });
    expect(
      result.errors.map((e: { line: number; field: string; code: string }) => [e.line, e.field, e.code]),
    ).toEqual([
      [3, 'displayName', 'MISSING_FIELD'],
      [4, 'skills[0].level', 'LEVEL_OUT_OF_RANGE'],
    ]);
    expect(await db.getRepository(Candidate).findOneByOrFail({ externalId: 'CLI-20' })).toMatchObject({
      headline: 'Python, SQL',
    });
  });

  it('imports the example files, reading skills from the text of records that list none', async () => {
    // one file of every example record, so that the command starts twice, not six times
    const examples = ['postings', 'candidates', 'courses'].flatMap((name) =>
      readFileSync(join('examples', `${name}.jsonl`), 'utf8')
        .trim()
        .split('\n'),
    );
    const all = file('examples.jsonl', examples);
    const run = await importCommand(all, '--report', join(dir, 'examples.json'));
    expect(run.status).toBe(0);
    const result = report(join(dir, 'examples.json'));
    const fromText = examples.flatMap((text, i) => {
      const record = JSON.parse(text);
      return record.skills ? [] : [{ line: i + 1, externalId: record.externalId as string }];
    });
    expect(fromText.map((r) => r.externalId)).toEqual(['ATS-1003', 'ATS-1004', 'C-503', 'LMS-9003']);
    expect(result).toMatchObject({ created: examples.length, rejected: 0, extracted: fromText.length });
    expect(
      result.extractions.map((e: { line: number; externalId: string }) => [e.line, e.externalId]),
    ).toEqual(fromText.map((r) => [r.line, r.externalId]));
    expect(run.stdout).toContain(`skills read from text for ${fromText.length} records that listed none`);

    // what the report counts is what was stored, read as each kind of record keeps it
    const counted = new Map<string, number>(
      result.extractions.map((e: { externalId: string; skillCount: number }) => [e.externalId, e.skillCount]),
    );
    const goLead = await db.getRepository(JobPosting).findOneByOrFail({ externalId: 'ATS-1004' });
    const wanted = await db
      .getRepository(PostingSkill)
      .find({ where: { postingId: goLead.id }, relations: { skill: true } });
    expect(wanted).toHaveLength(counted.get('ATS-1004')!);
    const asked = Object.fromEntries(wanted.map((s) => [s.skill!.slug, [s.importance, s.minLevel]]));
    expect(asked).toMatchObject({
      go: ['REQUIRED', 4], // "5+ years"
      sql: ['REQUIRED', 4], // "Strong SQL"
      kubernetes: ['REQUIRED', 3],
      kafka: ['PREFERRED', 3], // under "Nice to have:"
      terraform: ['PREFERRED', 2], // "Basic Terraform"
    });
    const mei = await db.getRepository(Candidate).findOneByOrFail({ externalId: 'C-503' });
    const held = await db
      .getRepository(CandidateSkill)
      .find({ where: { candidateId: mei.id }, relations: { skill: true } });
    expect(held).toHaveLength(counted.get('C-503')!);
    expect(Object.fromEntries(held.map((s) => [s.skill!.slug, s.level]))).toMatchObject({
      java: 3,
      sql: 4, // "strong SQL"
      kotlin: 2, // "some exposure to"
    });
    const containers = await db.getRepository(Course).findOneByOrFail({ externalId: 'LMS-9003' });
    const taught = await db
      .getRepository(CourseSkill)
      .find({ where: { courseId: containers.id }, relations: { skill: true } });
    expect(taught).toHaveLength(counted.get('LMS-9003')!);
    const levels = Object.fromEntries(taught.map((s) => [s.skill!.slug, s.level]));
    expect(levels).toMatchObject({ docker: 3, kubernetes: 3 }); // an intermediate course's level
    expect(levels).not.toHaveProperty('linux'); // a prerequisite, not taught
    expect(levels).not.toHaveProperty('git');

    const again = await importCommand(all, '--report', join(dir, 'examples-again.json'));
    expect(again.status).toBe(0);
    expect(report(join(dir, 'examples-again.json'))).toEqual({
      ...result,
      created: 0,
      unchanged: examples.length,
    });
  }, 180_000);

  it('exits 2 with one line when the file cannot be read', async () => {
    const run = await importCommand(join(dir, 'missing.jsonl'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^cannot read .*missing\.jsonl: ENOENT/),
    ]);
  });
});
