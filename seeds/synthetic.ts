import { DataSource, QueryRunner } from 'typeorm';
import { Candidate } from '../src/candidate/candidate.entity';
import { Company } from '../src/posting/posting.entity';
import { Skill } from '../src/skill/skill.entity';

// A deterministic generator of realistic synthetic data over the seeded skills, for
// benchmarks and load tests: the same seed gives the same rows. Skill popularity is
// skewed as in real postings (a few skills such as SQL, JavaScript and Git appear
// everywhere, most appear rarely), candidates hold 5 to 15 skills, postings ask for
// 4 to 12. Rows go in as multi-row INSERTs with explicit ids.

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
function skillSampler(skills: Skill[], random: () => number) {
  const rank = (s: Skill) => {
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

export async function generateSynthetic(db: DataSource, options: SyntheticOptions): Promise<SyntheticCounts> {
  const random = prng(options.seed);
  const skills = await db.getRepository(Skill).find({ order: { id: 'ASC' } });
  if (skills.length === 0) throw new Error('Load the reference data first: npm run db:seed');
  const sample = skillSampler(skills, random);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const counts = { candidates: 0, candidateSkills: 0, postings: 0, postingSkills: 0 };
    const firstCandidate = (await maxId(runner, 'candidate')) + 1;
    for (let start = 0; start < options.candidates; start += CANDIDATE_CHUNK) {
      const size = Math.min(CANDIDATE_CHUNK, options.candidates - start);
      const candidates: unknown[][] = [];
      const held: unknown[][] = [];
      for (let i = 0; i < size; i++) {
        const n = start + i;
        const id = firstCandidate + n;
        candidates.push([
          id,
          `Synthetic Candidate ${n}`,
          `candidate.${options.seed}.${n}@${SYNTHETIC_DOMAIN}`,
          'Back-end developer',
          CITIES[between(random, 0, CITIES.length - 1)],
          REMOTE[between(random, 0, 2)],
          between(random, 0, 20),
          random() < 0.85 ? 1 : 0,
        ]);
        for (const skillId of sample(between(random, 5, 15))) {
          held.push([id, skillId, drawLevel(random), between(random, 0, 10)]);
        }
      }
      await insertRows(
        runner,
        'candidate',
        ['id', 'displayName', 'email', 'headline', 'location', 'remote', 'yearsExperience', 'openToWork'],
        candidates,
      );
      await insertRows(runner, 'candidate_skill', ['candidateId', 'skillId', 'level', 'years'], held);
      counts.candidates += size;
      counts.candidateSkills += held.length;
      options.onProgress?.(counts.candidates);
    }

    const companyIds: number[] = [];
    for (let c = 0; c < 20; c++) {
      const name = `Synthetic Employer ${options.seed}-${c}`;
      const existing = await db.getRepository(Company).findOneBy({ name });
      companyIds.push(existing?.id ?? (await db.getRepository(Company).save({ name })).id);
    }
    const firstPosting = (await maxId(runner, 'job_posting')) + 1;
    const postings: unknown[][] = [];
    const wanted: unknown[][] = [];
    for (let n = 0; n < options.postings; n++) {
      const id = firstPosting + n;
      const minYears = between(random, 0, 8);
      postings.push([
        id,
        `Synthetic back-end role ${n}`,
        'Generated for benchmarks.',
        companyIds[n % companyIds.length],
        ['JUNIOR', 'MID', 'SENIOR', 'LEAD'][Math.min(3, Math.floor(minYears / 2.5))],
        minYears,
        CITIES[between(random, 0, CITIES.length - 1)],
        REMOTE[between(random, 0, 2)],
        60000 + 1000 * between(random, 0, 80),
        'USD',
        'OPEN',
      ]);
      sample(between(random, 4, 12)).forEach((skillId, k) => {
        const required = k % 3 !== 2;
        wanted.push([
          id,
          skillId,
          required ? 'REQUIRED' : 'PREFERRED',
          between(random, 2, 4),
          required ? 1 : 0.5,
        ]);
      });
    }
    for (let i = 0; i < postings.length; i += 1000) {
      await insertRows(
        runner,
        'job_posting',
        [
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
        ],
        postings.slice(i, i + 1000),
      );
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

async function maxId(runner: QueryRunner, table: string): Promise<number> {
  const [row] = await runner.query(`SELECT MAX(id) AS maxId FROM ${table}`);
  return Number(row.maxId ?? 0);
}

/** One multi-row INSERT; `?` placeholders work on both mysql2 and better-sqlite3. */
async function insertRows(
  runner: QueryRunner,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  await runner.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flat(),
  );
}
