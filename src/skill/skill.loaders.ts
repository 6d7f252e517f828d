import { DataSource, In } from 'typeorm';
import { batchLoader, manyPer, onePer } from '../common/batch';
import { Skill, SkillAlias } from './skill.entity';

export function createSkillLoaders(db: DataSource) {
  return {
    skillById: batchLoader<number, Skill | null>('skillById', async (ids) =>
      onePer(ids, await db.getRepository(Skill).findBy({ id: In([...ids]) }), (s) => s.id),
    ),
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
