import { DataSource, EntityManager, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { User } from '../src/account/account.entity';
import { hashPassword } from '../src/account/password';
import { Candidate, CandidateSkill } from '../src/candidate/candidate.entity';
import { Course, CoursePrerequisite, CourseSkill } from '../src/course/course.entity';
import { Company, DEFAULT_WEIGHT, JobPosting, PostingSkill } from '../src/posting/posting.entity';
import { Skill } from '../src/skill/skill.entity';
import { moveUpdatedAt, nextUpdatedAt } from '../src/common/updated-at';
import { demoAccounts } from './demo/accounts';
import { candidates } from './demo/candidates';
import { companies } from './demo/companies';
import { postings } from './demo/postings';
import { courses } from './reference/courses';
import { loadTaxonomyInto } from './taxonomy/load-taxonomy';
import { loadTaxonomy } from './taxonomy/taxonomy';

// Loads the seed files by their natural keys (skill slug, course provider and
// title, company name, posting company and title, candidate e-mail). A row is
// written only when it is missing or differs, so loading twice changes nothing.
// Changing an owner's links (a course's or posting's or candidate's skills) moves the
// owner's `updatedAt`, all that other instances follow.

type Counts = Record<string, number>;

/** The skills taxonomy (seeds/taxonomy), and courses with what they teach and need. */
export function seedReference(db: DataSource): Promise<Counts> {
  return db.transaction(async (tx) => {
    const writer = new SeedWriter(tx);
    const taxonomy = loadTaxonomy();
    const { ids: skillIds, writes } = await loadTaxonomyInto(tx, taxonomy);
    writer.writes += writes;
    for (const seed of courses) {
      const course = await writer.upsert(
        Course,
        { provider: seed.provider, title: seed.title },
        {
          format: seed.format as Course['format'],
          durationWeeks: seed.durationWeeks ?? null,
          durationHours: seed.durationHours ?? null,
          priceUsd: seed.priceUsd ?? null,
          url: seed.url ?? null,
          level: seed.level as Course['level'],
          description: seed.description,
        },
      );
      const courseId = course.id;
      const skillsChanged = await writer.syncLinks(
        CourseSkill,
        { courseId },
        seed.skills.map((s) => ({ courseId, skillId: idOf(skillIds, s.skill, seed.title), level: s.level })),
        (cs) => cs.skillId,
      );
      const prerequisitesChanged = await writer.syncLinks(
        CoursePrerequisite,
        { courseId },
        (seed.prerequisites ?? []).map((slug) => ({ courseId, skillId: idOf(skillIds, slug, seed.title) })),
        (p) => p.skillId,
      );
      if (skillsChanged || prerequisitesChanged) await writer.moveUpdatedAt(Course, courseId);
    }
    return { skills: taxonomy.skills.length, courses: courses.length, 'rows written': writer.writes };
  });
}

/** Companies, their postings and the demo candidates; needs the reference data. */
export function seedDemo(db: DataSource): Promise<Counts> {
  return db.transaction(async (tx) => {
    const writer = new SeedWriter(tx);
    const skillIds = new Map((await tx.getRepository(Skill).find()).map((s) => [s.slug, s.id]));
    const companyIds = new Map<string, number>();
    for (const seed of companies) {
      companyIds.set(seed.name, (await writer.upsert(Company, { name: seed.name }, {})).id);
    }
    for (const seed of postings) {
      const { company, title, skills: postingSkills, ...fields } = seed;
      const posting = await writer.upsert(
        JobPosting,
        { companyId: idOf(companyIds, company, title), title },
        {
          ...fields,
          salaryMin: fields.salaryMin ?? null,
          salaryMax: fields.salaryMax ?? null,
        } as Partial<JobPosting>,
      );
      const postingId = posting.id;
      const linksChanged = await writer.syncLinks(
        PostingSkill,
        { postingId },
        postingSkills.map((s) => ({
          postingId,
          skillId: idOf(skillIds, s.skill, title),
          importance: s.importance as PostingSkill['importance'],
          minLevel: s.minLevel,
          weight: s.weight ?? DEFAULT_WEIGHT[s.importance as PostingSkill['importance']],
        })),
        (ps) => ps.skillId,
      );
      if (linksChanged) await writer.moveUpdatedAt(JobPosting, postingId);
    }
    for (const seed of candidates) {
      const { email, skills: candidateSkills, ...fields } = seed;
      const candidate = await writer.upsert(Candidate, { email }, fields as Partial<Candidate>);
      const candidateId = candidate.id;
      const linksChanged = await writer.syncLinks(
        CandidateSkill,
        { candidateId },
        candidateSkills.map((s) => ({
          candidateId,
          skillId: idOf(skillIds, s.skill, email),
          level: s.level,
          years: s.years ?? null,
        })),
        (cs) => cs.skillId,
      );
      if (linksChanged) await writer.moveUpdatedAt(Candidate, candidateId);
    }
    for (const account of demoAccounts) {
      const existing = await tx.getRepository(User).findOneBy({ email: account.email });
      const link = {
        companyId: account.company ? idOf(companyIds, account.company, account.email) : null,
        candidateId: account.candidateEmail
          ? (await tx.getRepository(Candidate).findOneByOrFail({ email: account.candidateEmail })).id
          : null,
      };
      if (!existing) {
        writer.writes++;
        await tx.getRepository(User).save({
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          passwordHash: await hashPassword(account.password),
          ...link,
        });
      }
    }
    return {
      companies: companies.length,
      postings: postings.length,
      candidates: candidates.length,
      accounts: demoAccounts.length,
      'rows written': writer.writes,
    };
  });
}

function idOf(ids: Map<string, number>, key: string, usedBy: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Seed data names unknown "${key}" (in ${usedBy})`);
  return id;
}

type Entity<T> = new () => T;

/** Writes only what differs from the database, counting the rows it wrote. */
class SeedWriter {
  writes = 0;

  constructor(private readonly tx: EntityManager) {}

  async upsert<T extends ObjectLiteral & { id: number }>(
    entity: Entity<T>,
    key: FindOptionsWhere<T>,
    fields: Partial<T>,
  ): Promise<T> {
    const repo = this.tx.getRepository(entity);
    const existing = await repo.findOneBy(key);
    if (!existing) {
      this.writes++;
      return repo.save(repo.create({ ...key, ...fields } as T));
    }
    const changed = differences(existing, fields);
    if (Object.keys(changed).length > 0) {
      this.writes++;
      // Moving `updatedAt`, so the instances serving the database see the change.
      const moved = repo.metadata.updateDateColumn ? { updatedAt: nextUpdatedAt(this.tx) } : {};
      await repo.update(existing.id, { ...changed, ...moved } as never);
    }
    return { ...existing, ...changed };
  }

  /** Makes the rows under `parent` exactly `wanted`, matched by `keyOf`; whether any was written. */
  async syncLinks<T extends ObjectLiteral>(
    entity: Entity<T>,
    parent: FindOptionsWhere<T>,
    wanted: Partial<T>[],
    keyOf: (row: Partial<T>) => string | number | undefined,
  ): Promise<boolean> {
    const writesBefore = this.writes;
    const repo = this.tx.getRepository(entity);
    const existing = new Map((await repo.findBy(parent)).map((row) => [keyOf(row), row]));
    for (const row of wanted) {
      const current = existing.get(keyOf(row));
      existing.delete(keyOf(row));
      if (!current) {
        this.writes++;
        await repo.insert(row as never);
      } else if (Object.keys(differences(current, row)).length > 0) {
        this.writes++;
        await repo.save(repo.merge(current, row as never));
      }
    }
    for (const stale of existing.values()) {
      this.writes++;
      await repo.remove(stale);
    }
    return this.writes > writesBefore;
  }

  /** Moves the `updatedAt` of the row `id`, whose links changed, so other instances read them again. */
  async moveUpdatedAt<T extends ObjectLiteral & { id: number; updatedAt: Date }>(
    entity: Entity<T>,
    id: number,
  ): Promise<void> {
    this.writes++;
    await moveUpdatedAt(this.tx, entity, [id]);
  }
}

function differences<T extends ObjectLiteral>(current: T, wanted: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => (current as ObjectLiteral)[key] !== value),
  ) as Partial<T>;
}
