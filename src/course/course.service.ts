import { DataSource } from 'typeorm';
import { Connection, ConnectionArgs, paginate } from '../common/connection';
import { containsPattern, havingAllSkills, LIKE_ESCAPE } from '../common/filters';
import { SkillService } from '../skill/skill.service';
import { Course } from './course.entity';
import { CourseFilter } from './course.inputs';

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
}
