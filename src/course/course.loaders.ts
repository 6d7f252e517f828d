import { DataSource, In } from 'typeorm';
import { batchLoader, manyPer, onePer } from '../common/batch';
import { ChildConnections } from '../common/child-connections';
import { Skill } from '../skill/skill.entity';
import { Course, CoursePrerequisite, CourseSkill } from './course.entity';

export function createCourseLoaders(db: DataSource) {
  return {
    courseById: batchLoader<number, Course | null>('courseById', async (ids) =>
      onePer(ids, await db.getRepository(Course).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    courseSkillsByCourseId: batchLoader<number, CourseSkill[]>('courseSkillsByCourseId', async (ids) =>
      manyPer(
        ids,
        await db
          .getRepository(CourseSkill)
          .find({ where: { courseId: In([...ids]) }, order: { level: 'DESC', skillId: 'ASC' } }),
        (cs) => cs.courseId,
      ),
    ),
    /** Pages of the courses teaching a skill, the highest level taught first; the scope is the lowest level. */
    coursesBySkillId: new ChildConnections('coursesBySkillId', db, {
      entity: CourseSkill,
      parent: 'child.skillId',
      sort: [
        { expression: 'child.level', direction: 'DESC' },
        { expression: 'child.courseId', direction: 'ASC' },
      ],
      narrow: (query, minLevel) => query.andWhere('child.level >= :minLevel', { minLevel: Number(minLevel) }),
    }),
    prerequisitesByCourseId: batchLoader<number, Skill[]>('prerequisitesByCourseId', async (ids) => {
      const rows = await db.getRepository(CoursePrerequisite).find({
        where: { courseId: In([...ids]) },
        relations: { skill: true },
        order: { skillId: 'ASC' },
      });
      return manyPer(ids, rows, (p) => p.courseId).map((list) => list.map((p) => p.skill!));
    }),
  };
}
