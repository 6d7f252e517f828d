import { DataSource, EntityManager } from 'typeorm';
import { notFound, parseId } from '../common/id';
import { UserErrorCode, UserInputError } from '../common/payload';
import { Loaders } from '../request';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { SkillService } from '../skill/skill.service';
import { Course, CoursePrerequisite, CourseSkill } from './course.entity';
import {
  CourseFilter,
  CreateCourseInput,
  SetCoursePrerequisitesInput,
  SetCourseSkillsInput,
  UpdateCourseInput,
} from './course.inputs';
import { writeTransaction } from '../common/transaction';
import { updateRow } from '../common/updated-at';
import { givenFields, replaceLinks } from '../common/writes';

export class CourseService {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
  ) {}

  /** Courses by title, then id. */
  async list(filter: CourseFilter | null | undefined, paging: ConnectionArgs): Promise<Connection<Course>> {
    const query = this.db.getRepository(Course).createQueryBuilder('course');
    if (filter?.skills?.length) {
      havingAllSkills(
        query,
        'course_skill',
        'courseId',
        await this.skills.idsFor(filter.skills, 'filter.skills'),
      );
    }
    if (filter?.provider?.trim()) {
      query.andWhere(`course.provider LIKE :provider ${LIKE_ESCAPE}`, {
        provider: containsPattern(filter.provider.trim()),
      });
    }
    if (filter?.format?.length) query.andWhere('course.format IN (:...format)', { format: filter.format });
    if (filter?.maxPriceUsd != null) {
      query.andWhere('course.priceUsd IS NOT NULL AND course.priceUsd <= :maxPrice', {
        maxPrice: filter.maxPriceUsd,
      });
    }
    return paginate(
      query,
      [
        { expression: 'course.title', property: 'title', direction: 'ASC' },
        { expression: 'course.id', property: 'id', direction: 'ASC' },
      ],
      paging,
    );
  }

  async create(input: CreateCourseInput, loaders: Loaders): Promise<Course> {
    const course = await writeTransaction(this.db, async (tx) => {
      await this.assertTitleFree(tx, input.provider, input.title);
      // eslint-disable-next-line no-restricted-syntax -- a new row: no earlier version of it shares its stamp
      return tx.getRepository(Course).save({
        ...input,
        durationWeeks: input.durationWeeks ?? null,
        durationHours: input.durationHours ?? null,
        priceUsd: input.priceUsd ?? null,
        url: input.url ?? null,
      });
    });
    forgetCourse(loaders, course);
    return course;
  }

  /** Changes the fields given; the title stays unique for the provider. */
  async update(input: UpdateCourseInput, loaders: Loaders): Promise<Course> {
    const { id: givenId, ...fields } = input;
    const id = parseId(givenId, 'Course', 'input.id');
    const course = await writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      const changes = givenFields(fields);
      if (changes.title && changes.title !== course.title)
        await this.assertTitleFree(tx, course.provider, changes.title);
      return updateRow(tx, Course, id, changes);
    });
    forgetCourse(loaders, course);
    return course;
  }

  /** Replaces what a course teaches as one set: all of it is written, or none. */
  async setSkills(input: SetCourseSkillsInput, loaders: Loaders): Promise<Course> {
    const id = parseId(input.courseId, 'Course', 'input.courseId');
    const course = await writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      const skillIds = await this.skills.distinctIdsFor(
        input.skills.map((s) => s.skill),
        (i) => ['skills', i, 'skill'],
        tx,
      );
      await replaceLinks(
        tx,
        CourseSkill,
        { courseId: id },
        input.skills.map((s, i) => ({ courseId: id, skillId: skillIds[i], level: s.level })),
      );
      return touch(tx, course);
    });
    forgetCourse(loaders, course);
    return course;
  }

  /** Replaces what a course needs first as one set: all of it is written, or none. */
  async setPrerequisites(input: SetCoursePrerequisitesInput, loaders: Loaders): Promise<Course> {
    const id = parseId(input.courseId, 'Course', 'input.courseId');
    const course = await writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      const skillIds = await this.skills.distinctIdsFor(input.skills, (i) => ['skills', i], tx);
      await replaceLinks(
        tx,
        CoursePrerequisite,
        { courseId: id },
        skillIds.map((skillId) => ({ courseId: id, skillId })),
      );
      return touch(tx, course);
    });
    forgetCourse(loaders, course);
    return course;
  }

  private async existing(tx: EntityManager, id: number): Promise<Course> {
    const course = await tx.getRepository(Course).findOneBy({ id });
    if (!course) throw notFound('Course', id);
    return course;
  }

  private async assertTitleFree(tx: EntityManager, provider: string, title: string): Promise<void> {
    if (await tx.getRepository(Course).existsBy({ provider, title })) {
      throw new UserInputError({
        field: ['title'],
        code: UserErrorCode.TAKEN,
        message: "title: the provider has a course of this title already; a provider's titles are unique",
      });
    }
  }
}

/** Moves the course's `updatedAt`, so every instance's course catalogue sees the change. */
function touch(tx: EntityManager, course: Course): Promise<Course> {
  return updateRow(tx, Course, course.id, {});
}

/**
 * After a write: the request's loaders read the course, what it teaches and needs, and the
 * skills' course lists again.
 */
function forgetCourse(loaders: Loaders, course: Course): void {
  loaders.courseById.clear(course.id);
  loaders.courseSkillsByCourseId.clear(course.id);
  loaders.prerequisitesByCourseId.clear(course.id);
  loaders.coursesBySkillId.clearAll();
}
