import { DataSource, In } from 'typeorm';
import { batchLoader, manyPer } from '../common/batch';
import { SkillCatalog } from './skill-catalog';
import { Skill, SkillAlias } from './skill.entity';

export function createSkillLoaders(db: DataSource, catalog: SkillCatalog) {
  return {
    // From the process's catalogue; only skills newer than its last reload cost a statement.
    skillById: batchLoader<number, Skill | null>('skillById', async (ids) => {
      await catalog.ready();
      const missing = ids.filter((id) => catalog.get(id) === undefined);
      const fetched =
        missing.length > 0 ? await db.getRepository(Skill).findBy({ id: In([...missing]) }) : [];
      const found = new Map(fetched.map((s) => [s.id, s]));
      return ids.map((id) => catalog.get(id) ?? found.get(id) ?? null);
    }),
    skillsByParentId: batchLoader<number, Skill[]>('skillsByParentId', async (ids) =>
      manyPer(
        ids,
        await db
          .getRepository(Skill)
          .find({ where: { parentId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } }),
        (s) => s.parentId!,
      ),
    ),
    aliasesBySkillId: batchLoader<number, string[]>('aliasesBySkillId', async (ids) => {
      const aliases = await db
        .getRepository(SkillAlias)
        .find({ where: { skillId: In([...ids]) }, order: { alias: 'ASC', id: 'ASC' } });
      return manyPer(ids, aliases, (a) => a.skillId).map((list) => list.map((a) => a.alias));
    }),
  };
}
