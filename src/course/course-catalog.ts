import { DataSource } from 'typeorm';
import { Refreshable } from '../common/refresh';
import { RebuiltOnChange } from '../common/rows-version';
import { CourseInput } from './course-input';
import { Course, CoursePrerequisite, CourseSkill } from './course.entity';

/** A course with what the learning paths need of it. */
export interface CatalogueCourse extends CourseInput {
  course: Course;
}

/**
 * Every course with what it teaches and needs, held by the process between requests and
 * reloaded only when a course has changed. Learning paths choose among all courses that
 * teach a gap skill; reading them, their skills and their prerequisites per request
 * would take three statements one after the other, and under load each round trip
 * waits its turn behind every other request.
 *
 * Whether anything changed is one cheap statement: the count and the newest `updatedAt`
 * of the courses, sent alongside the request's other first reads. Every course write
 * through the service moves `updatedAt` (common/updated-at.ts), setting its skills or
 * prerequisites included, so every instance sees every write at its next request.
 */
export class CourseCatalog implements Refreshable {
  /** skill id → the courses teaching it and the level they teach it to */
  private bySkill = new Map<number, { course: CatalogueCourse; level: number }[]>();
  private readonly rows: RebuiltOnChange;

  constructor(db: DataSource) {
    this.rows = new RebuiltOnChange(
      () => db.getRepository(Course).createQueryBuilder('course'),
      'course',
      () => this.load(db),
    );
  }

  /** Brings the catalogue up to date with the database; one statement when nothing changed. */
  refresh(): Promise<void> {
    return this.rows.check();
  }

  /** Every course teaching one of these skills to at least its level, by id, as of the last refresh. */
  teaching(wanted: readonly { skillId: number; minLevel: number }[]): CatalogueCourse[] {
    const found = new Map<number, CatalogueCourse>();
    for (const { skillId, minLevel } of wanted) {
      for (const { course, level } of this.bySkill.get(skillId) ?? []) {
        if (level >= minLevel) found.set(course.id, course);
      }
    }
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  private async load(db: DataSource): Promise<void> {
    const [courses, taught, needed] = await Promise.all([
      db.getRepository(Course).find(),
      db.getRepository(CourseSkill).find(),
      db.getRepository(CoursePrerequisite).find({ order: { skillId: 'ASC' } }),
    ]);
    const byId = new Map<number, CatalogueCourse>(
      courses.map((course) => [
        course.id,
        {
          id: course.id,
          format: course.format,
          durationWeeks: course.durationWeeks,
          durationHours: course.durationHours,
          priceUsd: course.priceUsd,
          teaches: new Map(),
          prerequisites: [],
          course,
        },
      ]),
    );
    const bySkill = new Map<number, { course: CatalogueCourse; level: number }[]>();
    for (const { courseId, skillId, level } of taught) {
      const course = byId.get(courseId);
      if (!course) continue; // added after the courses were read: the next refresh has it
      (course.teaches as Map<number, number>).set(skillId, level);
      const list = bySkill.get(skillId) ?? [];
      list.push({ course, level });
      bySkill.set(skillId, list);
    }
    for (const { courseId, skillId } of needed) {
      (byId.get(courseId)?.prerequisites as number[] | undefined)?.push(skillId);
    }
    this.bySkill = bySkill;
  }
}
