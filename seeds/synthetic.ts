import { DataSource, QueryRunner } from 'typeorm';
import { Candidate } from '../src/candidate/candidate.entity';
import { Company } from '../src/posting/posting.entity';
import { Skill } from '../src/skill/skill.entity';

// A deterministic generator of realistic synthetic data over the seeded skills, for
// benchmarks and load tests: the same seed gives the same rows. Skill popularity is
// skewed as in real postings (a few skills such as SQL, JavaScript and Git appear
// everywhere, most appear rarely), candidates hold 5 to 15 skills, postings ask for
// 4 to 12. Rows go in as multi-row INSERTs with explicit ids; `SyntheticRows` draws the
// same rows without a database.

export interface SyntheticOptions {
  candidates: number;
  postings: number;
  seed: number;
  onProgress?: (candidatesDone: number) => void;
}

export interface SyntheticCounts {
  candidates: number;
  candidateSkills: number;
  postings: number;
  postingSkills: number;
}

/** Skills in the order of how often postings ask for them; the rest follow by id. */
const POPULAR = [
  'sql',
  'javascript',
  'git',
  'python',
  'rest',
  'java',
  'html',
  'css',
  'nodejs',
  'mysql',
  'postgresql',
  'aws',
  'unit-testing',
  'api-design',
  'react',
  'expressjs',
  'django',
  'mongodb',
  'communication',
  'problem-solving',
  'debugging',
  'testing',
  'csharp',
  'dotnet',
  'php',
  'docker',
  'data-structures-and-algorithms',
  'teamwork',
];

const SYNTHETIC_DOMAIN = 'synthetic.example.com';
const CANDIDATE_CHUNK = 2000;
const REMOTE = ['ONSITE', 'HYBRID', 'REMOTE'];
const CITIES = [
  'Austin, TX',
  'Boston, MA',
  'Chicago, IL',
  'Denver, CO',
  'New York, NY',
  'Seattle, WA',
  'Remote (US)',
  'Atlanta, GA',
];

/** mulberry32: small, fast and good enough to make test data repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws skill ids with Zipf-like popularity: the k-th most popular is drawn about 1/k as often as the first. */
function skillSampler(skills: readonly Pick<Skill, 'id' | 'slug'>[], random: () => number) {
  const rank = (s: Pick<Skill, 'id' | 'slug'>) => {
    const i = POPULAR.indexOf(s.slug);
    return i === -1 ? POPULAR.length + s.id : i;
  };
  const ordered = [...skills].sort((a, b) => rank(a) - rank(b));
  const cumulative: number[] = [];
  let total = 0;
  ordered.forEach((_, k) => cumulative.push((total += 1 / (k + 1))));
  const draw = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return ordered[lo].id;
  };
  return (count: number) => {
    const picked = new Set<number>();
    while (picked.size < Math.min(count, ordered.length)) picked.add(draw());
    return [...picked];
  };
}

/** Levels lean towards the middle: 1 and 5 are rarer than 2 to 4. */
function drawLevel(random: () => number): number {
  const x = random();
  return x < 0.1 ? 1 : x < 0.35 ? 2 : x < 0.7 ? 3 : x < 0.92 ? 4 : 5;
}

const between = (random: () => number, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

/** Synthetic rows already loaded, found by their e-mail domain and company names. */
export async function syntheticCandidateCount(db: DataSource): Promise<number> {
  return db
    .getRepository(Candidate)
    .createQueryBuilder('c')
    .where('c.email LIKE :domain', { domain: `%@${SYNTHETIC_DOMAIN}` })
    .getCount();
}

/** A synthetic candidate, as its `candidate` row holds it. */
export interface SyntheticCandidate {
  id: number;
  displayName: string;
  email: string;
  headline: string;
  location: string;
  remote: string;
  yearsExperience: number;
  openToWork: number;
}

/** A skill a synthetic candidate holds, as its `candidate_skill` row. */
export interface SyntheticCandidateSkill {
  candidateId: number;
  skillId: number;
  level: number;
  years: number;
}

/** A synthetic posting; `company` is which of the 20 synthetic employers offers it (0 to 19). */
export interface SyntheticPosting {
  id: number;
  title: string;
  description: string;
  company: number;
  seniority: string;
  minYearsExperience: number;
  location: string;
  remote: string;
  salaryMin: number;
  salaryCurrency: string;
  status: string;
  skills: { skillId: number; importance: 'REQUIRED' | 'PREFERRED'; minLevel: number; weight: number }[];
}

export interface SyntheticPage {
  candidates: SyntheticCandidate[];
  skills: SyntheticCandidateSkill[];
}

/**
 * The rows of one seed, without a database: pages of candidates with their skills, then
 * the postings, drawn in that order from one random sequence (as `generateSynthetic`
 * writes them), so that a benchmark can index in memory the same rows a database of that
 * size would hold, at sizes no database here holds.
 */
export class SyntheticRows {
  private readonly random: () => number;
  private readonly sample: (count: number) => number[];

  constructor(
    skills: readonly Pick<Skill, 'id' | 'slug'>[],
    private readonly seed: number,
  ) {
    if (skills.length === 0) throw new Error('Load the reference data first: npm run db:seed');
    this.random = prng(seed);
    this.sample = skillSampler(skills, this.random);
  }

  /** `count` candidates numbered from `firstId`, `pageSize` at a time; draw them all before the postings. */
  *candidatePages(count: number, firstId: number, pageSize = CANDIDATE_CHUNK): Generator<SyntheticPage> {
    const random = this.random;
    for (let start = 0; start < count; start += pageSize) {
      const size = Math.min(pageSize, count - start);
      const page: SyntheticPage = { candidates: [], skills: [] };
      for (let i = 0; i < size; i++) {
        const n = start + i;
        const id = firstId + n;
        page.candidates.push({
          id,
          displayName: `Synthetic Candidate ${n}`,
          email: `candidate.${this.seed}.${n}@${SYNTHETIC_DOMAIN}`,
          headline: 'Back-end developer',
          location: CITIES[between(random, 0, CITIES.length - 1)],
          remote: REMOTE[between(random, 0, 2)],
          yearsExperience: between(random, 0, 20),
          openToWork: random() < 0.85 ? 1 : 0,
        });
        for (const skillId of this.sample(between(random, 5, 15))) {
          page.skills.push({
            candidateId: id,
            skillId,
            level: drawLevel(random),
            years: between(random, 0, 10),
          });
        }
      }
      yield page;
    }
  }

  /** `count` postings numbered from `firstId`. */
  postings(count: number, firstId: number): SyntheticPosting[] {
    const random = this.random;
    const postings: SyntheticPosting[] = [];
    for (let n = 0; n < count; n++) {
      const minYears = between(random, 0, 8);
      const posting: SyntheticPosting = {
        id: firstId + n,
        title: `Synthetic back-end role ${n}`,
        description: 'Generated for benchmarks.',
        company: n % 20,
        seniority: ['JUNIOR', 'MID', 'SENIOR', 'LEAD'][Math.min(3, Math.floor(minYears / 2.5))],
        minYearsExperience: minYears,
        location: CITIES[between(random, 0, CITIES.length - 1)],
        remote: REMOTE[between(random, 0, 2)],
        salaryMin: 60000 + 1000 * between(random, 0, 80),
        salaryCurrency: 'USD',
        status: 'OPEN',
        skills: [],
      };
      this.sample(between(random, 4, 12)).forEach((skillId, k) => {
        const required = k % 3 !== 2;
        posting.skills.push({
          skillId,
          importance: required ? 'REQUIRED' : 'PREFERRED',
          minLevel: between(random, 2, 4),
          weight: required ? 1 : 0.5,
        });
      });
      postings.push(posting);
    }
    return postings;
  }
}

/** The skills the generator draws from, as `generateSynthetic` reads them. */
export function syntheticSkills(db: DataSource): Promise<Skill[]> {
  return db.getRepository(Skill).find({ order: { id: 'ASC' } });
}

export async function generateSynthetic(db: DataSource, options: SyntheticOptions): Promise<SyntheticCounts> {
  const rows = new SyntheticRows(await syntheticSkills(db), options.seed);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const counts = { candidates: 0, candidateSkills: 0, postings: 0, postingSkills: 0 };
    const firstCandidate = (await maxId(runner, 'candidate')) + 1;
    for (const page of rows.candidatePages(options.candidates, firstCandidate)) {
      await insertRows(
        runner,
        'candidate',
        CANDIDATE_COLUMNS,
        page.candidates.map((c) => CANDIDATE_COLUMNS.map((k) => c[k])),
      );
      await insertRows(
        runner,
        'candidate_skill',
        ['candidateId', 'skillId', 'level', 'years'],
        page.skills.map((s) => [s.candidateId, s.skillId, s.level, s.years]),
      );
      counts.candidates += page.candidates.length;
      counts.candidateSkills += page.skills.length;
      options.onProgress?.(counts.candidates);
    }

    const companyIds: number[] = [];
    for (let c = 0; c < 20; c++) {
      const name = `Synthetic Employer ${options.seed}-${c}`;
      const existing = await db.getRepository(Company).findOneBy({ name });
      companyIds.push(existing?.id ?? (await db.getRepository(Company).save({ name })).id);
    }
    const generated = rows.postings(options.postings, (await maxId(runner, 'job_posting')) + 1);
    const postings = generated.map((p) =>
      POSTING_COLUMNS.map((k) =>
        k === 'companyId' ? companyIds[p.company] : p[k as Exclude<typeof k, 'companyId'>],
      ),
    );
    const wanted = generated.flatMap((p) =>
      p.skills.map((s) => [p.id, s.skillId, s.importance, s.minLevel, s.weight]),
    );
    for (let i = 0; i < postings.length; i += 1000) {
      await insertRows(runner, 'job_posting', POSTING_COLUMNS, postings.slice(i, i + 1000));
    }
    for (let i = 0; i < wanted.length; i += 4000) {
      await insertRows(
        runner,
        'posting_skill',
        ['postingId', 'skillId', 'importance', 'minLevel', 'weight'],
        wanted.slice(i, i + 4000),
      );
    }
    counts.postings = postings.length;
    counts.postingSkills = wanted.length;
    return counts;
  } finally {
    await runner.release();
  }
}

const CANDIDATE_COLUMNS = [
  'id',
  'displayName',
  'email',
  'headline',
  'location',
  'remote',
  'yearsExperience',
  'openToWork',
] as const;

const POSTING_COLUMNS = [
  'id',
  'title',
  'description',
  'companyId',
  'seniority',
  'minYearsExperience',
  'location',
  'remote',
  'salaryMin',
  'salaryCurrency',
  'status',
] as const;

async function maxId(runner: QueryRunner, table: string): Promise<number> {
  const [row] = await runner.query(`SELECT MAX(id) AS maxId FROM ${table}`);
  return Number(row.maxId ?? 0);
}

/** One multi-row INSERT; `?` placeholders work on both mysql2 and better-sqlite3. */
async function insertRows(
  runner: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  await runner.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flat(),
  );
}
