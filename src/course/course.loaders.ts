import { DataSource, In } from 'typeorm';
import { batchLoader, manyPer, onePer } from '../common/batch';
import { Skill } from '../skill/skill.entity';
import { Course, CoursePrerequisite, CourseSkill } from './course.entity';

/** A course as seen from a skill it teaches. */
export interface TaughtBy {
  course: Course;
  level: number;
}

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
    /** Courses teaching each skill, the highest level taught first. */
    coursesBySkillId: batchLoader<number, TaughtBy[]>('coursesBySkillId', async (ids) => {
      const rows = await db.getRepository(CourseSkill).find({
        where: { skillId: In([...ids]) },
        relations: { course: true },
        order: { level: 'DESC', courseId: 'ASC' },
      });
      return manyPer(ids, rows, (cs) => cs.skillId).map((list) =>
        list.map((cs) => ({ course: cs.course!, level: cs.level })),
      );
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
