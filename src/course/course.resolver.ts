import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { Context } from '../context';
import { Skill } from '../skill/skill.entity';
import { Course, CourseSkill } from './course.entity';
import { CoursesArgs } from './course.inputs';

@ObjectType()
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

  @FieldResolver(() => [CourseSkill], { description: 'Skills taught, the highest level first.' })
  skills(@Root() course: Course, @Ctx() { loaders }: Context) {
    return loaders.courseSkillsByCourseId.load(course.id);
  }

  @FieldResolver(() => [Skill], { description: 'Skills a learner should hold before starting.' })
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
