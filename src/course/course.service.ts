import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../common/id';
import { BadUserInputError } from '../errors';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { SkillService } from '../skill/skill.service';
import { Course, CoursePrerequisite, CourseSkill } from './course.entity';
import { CourseFilter, CourseSkillInput, CreateCourseInput, UpdateCourseInput } from './course.inputs';
import { writeTransaction } from '../common/transaction';
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

  async create(input: CreateCourseInput): Promise<Course> {
    return writeTransaction(this.db, async (tx) => {
      await this.assertTitleFree(tx, input.provider, input.title);
      return tx.getRepository(Course).save({
        ...input,
        durationWeeks: input.durationWeeks ?? null,
        durationHours: input.durationHours ?? null,
        priceUsd: input.priceUsd ?? null,
        url: input.url ?? null,
      });
    });
  }

  async update(id: number, input: UpdateCourseInput): Promise<Course> {
    return writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      const changes = givenFields(input);
      if (changes.title && changes.title !== course.title)
        await this.assertTitleFree(tx, course.provider, changes.title);
      return tx.getRepository(Course).save({ ...course, ...changes });
    });
  }

  /** Replaces what a course teaches as one set. */
  async setSkills(id: number, skills: CourseSkillInput[]): Promise<Course> {
    const skillIds = await this.skills.distinctIdsFor(
      skills.map((s) => s.skill),
      'skills',
    );
    return writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      await replaceLinks(
        tx,
        CourseSkill,
        { courseId: id },
        skills.map((s, i) => ({ courseId: id, skillId: skillIds[i], level: s.level })),
      );
      return touch(tx, course);
    });
  }

  /** Replaces what a course needs first as one set. */
  async setPrerequisites(id: number, skillKeys: string[]): Promise<Course> {
    const skillIds = await this.skills.distinctIdsFor(skillKeys, 'skills');
    return writeTransaction(this.db, async (tx) => {
      const course = await this.existing(tx, id);
      await replaceLinks(
        tx,
        CoursePrerequisite,
        { courseId: id },
        skillIds.map((skillId) => ({ courseId: id, skillId })),
      );
      return touch(tx, course);
    });
  }

  private async existing(tx: EntityManager, id: number): Promise<Course> {
    const course = await tx.getRepository(Course).findOneBy({ id });
    if (!course) throw notFound('Course', id);
    return course;
  }

  private async assertTitleFree(tx: EntityManager, provider: string, title: string): Promise<void> {
    if (await tx.getRepository(Course).existsBy({ provider, title })) {
      throw new BadUserInputError(`${provider} already has a course titled "${title}"`, { field: 'title' });
    }
  }
}

/** Moves the course's `updatedAt`, so every instance's course catalogue sees the change. */
function touch(tx: EntityManager, course: Course): Promise<Course> {
  return tx.getRepository(Course).save({ ...course, updatedAt: new Date() });
}
