import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../access/role';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { PayloadMutation } from '../common/payload';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { RequestContext } from '../request';
import { Skill } from '../skill/skill.entity';
import { Course, CourseSkill } from './course.entity';
import {
  CoursesArgs,
  CreateCourseInput,
  SetCoursePrerequisitesInput,
  SetCourseSkillsInput,
  UpdateCourseInput,
} from './course.inputs';
import {
  CreateCoursePayload,
  SetCoursePrerequisitesPayload,
  SetCourseSkillsPayload,
  UpdateCoursePayload,
} from './course.types';
import { CourseService } from './course.service';
import { COURSE_CURRENCY, Money, money } from '../common/money';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'loaders'>;

@ObjectType({ description: 'A page of courses.', simpleResolvers: true })
export class CourseConnection extends ConnectionType(Course) {}

@Resolver(() => Course)
export class CourseResolver {
  constructor(private readonly courseService: CourseService) {}

  @Query(() => CourseConnection, { description: 'Courses by title.' })
  courses(@Args() { filter, ...paging }: CoursesArgs) {
    return this.courseService.list(filter, paging);
  }

  @Query(() => Course, { nullable: true, description: 'A course by its id; null when there is none.' })
  course(
    @Arg('id', () => ID, { description: "The course's id, as `Course.id` gives it." }) id: string,
    @Ctx() { loaders }: Context,
  ) {
    return loaders.courseById.load(parseId(id, 'Course', 'id'));
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => CreateCoursePayload, { description: 'Adds a course to the catalogue.' })
  async createCourse(
    @Arg('input', { description: 'The course to add.' }) input: CreateCourseInput,
    @Ctx() { loaders }: Context,
  ) {
    return { course: await this.courseService.create(input, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => UpdateCoursePayload, {
    description: "Changes a course's fields: those given, and only those.",
  })
  async updateCourse(
    @Arg('input', { description: 'The course, and the fields to change.' }) input: UpdateCourseInput,
    @Ctx() { loaders }: Context,
  ) {
    return { course: await this.courseService.update(input, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => SetCourseSkillsPayload, {
    description: 'Replaces what a course teaches as one set.',
  })
  async setCourseSkills(
    @Arg('input', { description: 'The course, and the whole set of skills it teaches.' })
    input: SetCourseSkillsInput,
    @Ctx() { loaders }: Context,
  ) {
    return { course: await this.courseService.setSkills(input, loaders) };
  }

  @Authorized(Role.ADMIN)
  @PayloadMutation(() => SetCoursePrerequisitesPayload, {
    description: 'Replaces what a course needs first as one set.',
  })
  async setCoursePrerequisites(
    @Arg('input', { description: 'The course, and the whole set of skills it needs first.' })
    input: SetCoursePrerequisitesInput,
    @Ctx() { loaders }: Context,
  ) {
    return { course: await this.courseService.setPrerequisites(input, loaders) };
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Its price, where published.' })
  price(@Root() course: Course): Money | null {
    return money(course.priceUsd, COURSE_CURRENCY);
  }

  @FieldResolver(() => [CourseSkill], { description: 'Skills taught, the highest level first.' })
  @ListSize(MAX_WRITTEN_LIST)
  skills(@Root() course: Course, @Ctx() { loaders }: Context) {
    return loaders.courseSkillsByCourseId.load(course.id);
  }

  @FieldResolver(() => [Skill], { description: 'Skills a learner should hold before starting.' })
  @ListSize(MAX_WRITTEN_LIST)
  prerequisites(@Root() course: Course, @Ctx() { loaders }: Context) {
    return loaders.prerequisitesByCourseId.load(course.id);
  }
}

@Resolver(() => CourseSkill)
export class CourseSkillResolver {
  @FieldResolver(() => Skill, { description: 'The skill taught.' })
  skill(@Root() courseSkill: CourseSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(courseSkill.skillId);
  }
}
