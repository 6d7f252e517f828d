import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { manyPer, onePer } from '../common/batch';
import { Skill, SkillAlias } from './skill.entity';

export function createSkillLoaders(db: DataSource) {
  return {
    skillById: new DataLoader<number, Skill | null>(async (ids) =>
      onePer(ids, await db.getRepository(Skill).findBy({ id: In([...ids]) }), (s) => s.id),
    ),
    skillsByParentId: new DataLoader<number, Skill[]>(async (ids) =>
      manyPer(
        ids,
        await db
          .getRepository(Skill)
          .find({ where: { parentId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } }),
        (s) => s.parentId!,
      ),
    ),
    aliasesBySkillId: new DataLoader<number, string[]>(async (ids) => {
      const aliases = await db
        .getRepository(SkillAlias)
        .find({ where: { skillId: In([...ids]) }, order: { alias: 'ASC', id: 'ASC' } });
      return manyPer(ids, aliases, (a) => a.skillId).map((list) => list.map((a) => a.alias));
    }),
  };
}
