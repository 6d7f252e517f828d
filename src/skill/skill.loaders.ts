import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { batchLoader, manyPer } from '../common/batch';
import { ChildConnections } from '../common/child-connections';
import { SkillCatalog } from './skill-catalog';
import { Skill, SkillAlias } from './skill.entity';

export function createSkillLoaders(db: DataSource, catalog: SkillCatalog) {
  return {
    // From the process's catalogue; only skills newer than its last reload cost a statement.
    skillById: new SkillLookup(
      catalog,
      batchLoader<number, Skill | null>('skillById', async (ids) => {
        await catalog.ready();
        const missing = ids.filter((id) => catalog.get(id) === undefined);
        const fetched =
          missing.length > 0 ? await db.getRepository(Skill).findBy({ id: In([...missing]) }) : [];
        const found = new Map(fetched.map((s) => [s.id, s]));
        return ids.map((id) => catalog.get(id) ?? found.get(id) ?? null);
      }),
    ),
    /** Pages of a skill's children, by name. */
    skillsByParentId: new ChildConnections('skillsByParentId', db, {
      entity: Skill,
      parent: 'child.parentId',
      sort: [
        { expression: 'child.name', direction: 'ASC' },
        { expression: 'child.id', direction: 'ASC' },
      ],
    }),
    aliasesBySkillId: batchLoader<number, string[]>('aliasesBySkillId', async (ids) => {
      const aliases = await db
        .getRepository(SkillAlias)
        .find({ where: { skillId: In([...ids]) }, order: { alias: 'ASC', id: 'ASC' } });
      return manyPer(ids, aliases, (a) => a.skillId).map((list) => list.map((a) => a.alias));
    }),
  };
}

/**
 * Skills by id for one request. A skill the process's catalogue holds is returned as it
 * is, not as a promise: answers name hundreds of skills, and a promise per skill made
 * graphql-js and the async hooks of the statement counter do more work than anything
 * else in those answers. Any other skill comes through the batching loader.
 */
export class SkillLookup {
  constructor(
    private readonly catalog: SkillCatalog,
    private readonly loader: DataLoader<number, Skill | null>,
  ) {}

  load(id: number): Skill | Promise<Skill | null> {
    return this.catalog.get(id) ?? this.loader.load(id);
  }

  loadMany(ids: readonly number[]): Skill[] | Promise<(Skill | null | Error)[]> {
    const held = ids.map((id) => this.catalog.get(id));
    return held.every((skill) => skill !== undefined) ? (held as Skill[]) : this.loader.loadMany(ids);
  }

  /** After a skill write: what this request loaded before it must not be served again. */
  clearAll(): void {
    this.loader.clearAll();
  }
}
