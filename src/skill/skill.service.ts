import { closest } from 'fastest-levenshtein';
import { DataSource, EntityManager, In } from 'typeorm';
import { Connection, paginate } from '../common/connection';
import { containsPattern, LIKE_ESCAPE } from '../common/filters';
import { BadUserInputError } from '../errors';
import { SkillCatalog } from './skill-catalog';
import { normalizeAlias, Skill, SkillAlias } from './skill.entity';
import { CreateSkillInput, SkillsArgs, UpdateSkillInput } from './skill.inputs';
import { isUniqueViolation, writeTransaction } from '../common/transaction';
import { nextUpdatedAt, updateRow } from '../common/updated-at';
import { givenFields } from '../common/writes';
import { Refusal, UserErrorCode, UserInputError } from '../common/payload';
import { Loaders } from '../request';

export class SkillService {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: SkillCatalog,
  ) {}

  /** Skills by name, then id. */
  list({ search, category, ...paging }: SkillsArgs): Promise<Connection<Skill>> {
    const query = this.db.getRepository(Skill).createQueryBuilder('skill');
    if (category) query.andWhere('skill.category = :category', { category });
    if (search?.trim()) {
      query.andWhere(
        `(skill.name LIKE :search ${LIKE_ESCAPE} OR skill.slug LIKE :search ${LIKE_ESCAPE} OR EXISTS ` +
          `(SELECT 1 FROM skill_alias a WHERE a.skillId = skill.id AND a.normalized LIKE :search ${LIKE_ESCAPE}))`,
        { search: containsPattern(normalizeAlias(search)) },
      );
    }
    return paginate(
      query,
      [
        { expression: 'skill.name', property: 'name', direction: 'ASC' },
        { expression: 'skill.id', property: 'id', direction: 'ASC' },
      ],
      paging,
    );
  }

  /**
   * The skill with this slug, or whose alias this is (ignoring case). Inside a transaction,
   * `manager` is the transaction's: every read of a write goes through it.
   */
  async findBySlugOrAlias(key: string, manager: EntityManager = this.db.manager): Promise<Skill | null> {
    const found = await this.findManyBySlugOrAlias([key], manager);
    return found.get(normalizeAlias(key)) ?? null;
  }

  /** Skills keyed by the normalized slug or alias that named them: two statements for any number of keys. */
  async findManyBySlugOrAlias(
    keys: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, Skill>> {
    const normalized = [...new Set(keys.map(normalizeAlias))].filter((k) => k !== '');
    if (normalized.length === 0) return new Map();
    const [bySlug, byAlias] = await Promise.all([
      manager.getRepository(Skill).findBy({ slug: In(normalized) }),
      manager
        .getRepository(SkillAlias)
        .find({ where: { normalized: In(normalized) }, relations: { skill: true } }),
    ]);
    const found = new Map<string, Skill>(bySlug.map((skill) => [skill.slug, skill]));
    for (const alias of byAlias) found.set(alias.normalized, alias.skill!);
    return found;
  }

  /**
   * Ids of the skills named by slug or alias. Unknown names are BAD_USER_INPUT,
   * listing every one, so a client can fix them all at once.
   */
  async idsFor(
    keys: string[],
    argumentName: string,
    manager: EntityManager = this.db.manager,
  ): Promise<number[]> {
    const found = await this.findManyBySlugOrAlias(keys, manager);
    const unknown = keys.filter((k) => !found.has(normalizeAlias(k)));
    if (unknown.length > 0) {
      throw new BadUserInputError(`Unknown skill${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
        argumentName,
        unknownSkills: unknown,
        suggestions: await this.suggestionsFor(unknown, manager),
      });
    }
    return keys.map((k) => found.get(normalizeAlias(k))!.id);
  }

  /**
   * Ids of a set of skills written at once, named by slug or alias, in order. Unknown names
   * and a skill named twice (even by two aliases) are refused as user errors, each at its
   * item's path in the input (`pathOf(i)`), all at once so that a client fixes them in one
   * go. Inside a transaction, `manager` is the transaction's.
   */
  async distinctIdsFor(
    keys: string[],
    pathOf: (index: number) => (string | number)[],
    manager: EntityManager = this.db.manager,
  ): Promise<number[]> {
    const found = await this.findManyBySlugOrAlias(keys, manager);
    const ids = keys.map((k) => found.get(normalizeAlias(k))?.id);
    const unknown = keys.filter((_, i) => ids[i] === undefined);
    const suggestions = unknown.length > 0 ? await this.suggestionsFor(unknown, manager) : {};
    const problems = keys.flatMap((key, i): Refusal[] => {
      const field = pathOf(i);
      const id = ids[i];
      if (id === undefined) {
        const nearest = suggestions[key] ? `; did you mean “${suggestions[key]}”?` : '';
        const message = `${field.join('.')}: no skill is named so${nearest}`;
        return [{ field, code: UserErrorCode.UNKNOWN_SKILL, message }];
      }
      const first = ids.indexOf(id);
      if (first === i) return [];
      const message = `${field.join('.')}: names the same skill as ${pathOf(first).join('.')}`;
      return [{ field, code: UserErrorCode.DUPLICATE, message }];
    });
    if (problems.length > 0) throw new UserInputError(problems);
    return ids as number[];
  }

  /** The closest known slug for each unknown name, by edit distance to slugs, names and aliases. */
  async suggestionsFor(
    unknown: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Record<string, string>> {
    const [skills, aliases] = await Promise.all([
      manager.getRepository(Skill).find({ select: { id: true, slug: true, name: true } }),
      manager.getRepository(SkillAlias).find({ select: { skillId: true, normalized: true } }),
    ]);
    const slugOf = new Map(skills.map((s) => [s.id, s.slug]));
    const names = [
      ...skills.flatMap((s) => [[s.slug, s.slug] as const, [s.name.toLowerCase(), s.slug] as const]),
      ...aliases.map((a) => [a.normalized, slugOf.get(a.skillId)!] as const),
    ];
    const keys = names.map(([name]) => name);
    if (keys.length === 0) return {};
    return Object.fromEntries(
      unknown.map((name) => {
        const nearest = closest(normalizeAlias(name), keys);
        return [name, names.find(([n]) => n === nearest)![1]];
      }),
    );
  }

  async create(input: CreateSkillInput, loaders: Loaders): Promise<Skill> {
    const created = await writeTransaction(this.db, async (tx) => {
      await this.assertNameFree(tx, input.slug, ['slug']);
      const { parent, ...fields } = input;
      const parentId = parent ? (await this.skillNamed(tx, parent, ['parent'])).id : null;
      // eslint-disable-next-line no-restricted-syntax -- a new row: no earlier version of it shares its stamp
      return tx.getRepository(Skill).save({ ...fields, parentId });
    }).catch(takenBy(['slug']));
    await this.catalog.refresh(); // this instance's answers and rankings see the write at once
    forgetSkills(loaders);
    return created;
  }

  async update({ skill: key, parent, ...fields }: UpdateSkillInput, loaders: Loaders): Promise<Skill> {
    const updated = await writeTransaction(this.db, async (tx) => {
      const skill = await this.skillNamed(tx, key, ['skill']);
      const changes: Partial<Skill> = givenFields(fields);
      if (parent != null) {
        const parentId = (await this.skillNamed(tx, parent, ['parent'])).id;
        await this.assertNotBelow(tx, parentId, skill.id);
        changes.parentId = parentId;
      }
      return updateRow(tx, Skill, skill.id, changes);
    });
    await this.catalog.refresh(); // this instance's answers and rankings see the write at once
    forgetSkills(loaders);
    return updated;
  }

  async addAlias(skillKey: string, alias: string, loaders: Loaders): Promise<Skill> {
    const normalized = normalizeAlias(alias);
    if (!normalized) {
      throw new UserInputError({
        field: ['alias'],
        code: UserErrorCode.TOO_SHORT,
        message: 'alias: must have a character other than spaces',
      });
    }
    const skill = await writeTransaction(this.db, async (tx) => {
      const skill = await this.skillNamed(tx, skillKey, ['skill']);
      await this.assertNameFree(tx, normalized, ['alias']);
      await tx.getRepository(SkillAlias).insert({ skillId: skill.id, alias: alias.trim(), normalized });
      await touch(tx, skill.id);
      return skill;
    }).catch(takenBy(['alias']));
    loaders.aliasesBySkillId.clear(skill.id);
    return skill;
  }

  async removeAlias(alias: string, loaders: Loaders): Promise<Skill> {
    const skill = await writeTransaction(this.db, async (tx) => {
      const normalized = normalizeAlias(alias);
      const found = await tx
        .getRepository(SkillAlias)
        .findOne({ where: { normalized }, relations: { skill: true } });
      if (!found) {
        const isSlug = await tx.getRepository(Skill).existsBy({ slug: normalized });
        throw new UserInputError({
          field: ['alias'],
          code: isSlug ? UserErrorCode.INVALID : UserErrorCode.UNKNOWN_SKILL,
          message: isSlug
            ? "alias: this is a skill's slug, which stays; only aliases can be removed"
            : 'alias: no skill has this alias',
        });
      }
      await tx.getRepository(SkillAlias).delete(found.id);
      await touch(tx, found.skillId);
      return found.skill!;
    });
    loaders.aliasesBySkillId.clear(skill.id);
    return skill;
  }

  /**
   * The skill a slug or alias of an input names; an unknown one is refused at `field`, with
   * the closest known slug. Reads through `tx`, the transaction of the write.
   */
  private async skillNamed(tx: EntityManager, key: string, field: string[]): Promise<Skill> {
    const skill = await this.findBySlugOrAlias(key, tx);
    if (skill) return skill;
    const suggestion = (await this.suggestionsFor([key], tx))[key];
    throw new UserInputError({
      field,
      code: UserErrorCode.UNKNOWN_SKILL,
      message: `${field.join('.')}: no skill is named so${suggestion ? `; did you mean “${suggestion}”?` : ''}`,
    });
  }

  /** A new slug or alias must not name a skill already, by slug or by alias. */
  private async assertNameFree(tx: EntityManager, name: string, field: string[]): Promise<void> {
    const normalized = normalizeAlias(name);
    const taken =
      (await tx.getRepository(Skill).existsBy({ slug: normalized })) ||
      (await tx.getRepository(SkillAlias).existsBy({ normalized }));
    if (taken) throw nameTaken(field);
  }

  /** Refuses a parent that is the skill itself or one of its descendants: the hierarchy stays a tree. */
  private async assertNotBelow(tx: EntityManager, parentId: number, skillId: number): Promise<void> {
    const parents = new Map(
      (await tx.getRepository(Skill).find({ select: { id: true, parentId: true } })).map((s) => [
        s.id,
        s.parentId,
      ]),
    );
    for (let at: number | null = parentId; at !== null; at = parents.get(at) ?? null) {
      if (at === skillId) {
        throw new UserInputError({
          field: ['parent'],
          code: UserErrorCode.INVALID,
          message: 'parent: a skill cannot sit under itself or its own descendants',
        });
      }
    }
  }
}

const nameTaken = (field: string[]) =>
  new UserInputError({
    field,
    code: UserErrorCode.TAKEN,
    message: `${field.join('.')}: already names a skill, as its slug or an alias`,
  });

/**
 * Two writes that found a name free together: the unique index lets one through, and the
 * other is told the name is taken.
 */
const takenBy =
  (field: string[]) =>
  (error: unknown): never => {
    throw isUniqueViolation(error) ? nameTaken(field) : error;
  };

/** Moves the skill's `updatedAt`, so every instance reads its names again (see ExtractionService). */
function touch(tx: EntityManager, skillId: number): Promise<unknown> {
  return tx.getRepository(Skill).update(skillId, { updatedAt: nextUpdatedAt(tx) });
}

/**
 * After a skill is created or changed: the request's loaders read skills, and which skills
 * sit under which parent, again (a new skill, or a new parent, moves it between lists).
 */
function forgetSkills(loaders: Loaders): void {
  loaders.skillById.clearAll();
  loaders.skillsByParentId.clearAll();
}
