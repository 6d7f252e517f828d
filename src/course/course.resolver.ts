import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../access/role';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { ResolverContext } from '../request';
import { Skill } from '../skill/skill.entity';
import { Course, CourseSkill } from './course.entity';
import {
  CoursesArgs,
  CreateCourseInput,
  SetCoursePrerequisitesArgs,
  SetCourseSkillsArgs,
  UpdateCourseInput,
} from './course.inputs';
import { CourseService } from './course.service';

/** What this module's resolvers read of a request. */
type Context = ResolverContext<{ courses: CourseService }>;

@ObjectType({ description: 'A page of courses.', simpleResolvers: true })
export class CourseConnection extends ConnectionType(Course) {}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => CourseConnection, { description: 'Courses by title.' })
  courses(@Args() { filter, ...paging }: CoursesArgs, @Ctx() { services }: Context) {
    return services.courses.list(filter, paging);
  }

  @Query(() => Course, { nullable: true })
  course(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context) {
    return loaders.courseById.load(parseId(id));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course)
  createCourse(@Arg('input') input: CreateCourseInput, @Ctx() { services }: Context) {
    return services.courses.create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course)
  updateCourse(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCourseInput,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.courseById.clearAll();
    return services.courses.update(parseId(id), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course, { description: 'Replaces what a course teaches as one set.' })
  setCourseSkills(
    @Args() { courseId, skills }: SetCourseSkillsArgs,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.courseSkillsByCourseId.clearAll();
    loaders.coursesBySkillId.clearAll();
    return services.courses.setSkills(parseId(courseId, 'courseId'), skills);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Course, { description: 'Replaces what a course needs first as one set.' })
  setCoursePrerequisites(
    @Args() { courseId, skills }: SetCoursePrerequisitesArgs,
    @Ctx() { services, loaders }: Context,
  ) {
    loaders.prerequisitesByCourseId.clearAll();
    return services.courses.setPrerequisites(parseId(courseId, 'courseId'), skills);
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
  @FieldResolver(() => Skill)
  skill(@Root() courseSkill: CourseSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(courseSkill.skillId);
  }
}
