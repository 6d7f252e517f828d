import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { Course } from './course.entity';

// What the course mutations answer: the course as the write left it, or null and the
// `userErrors` that refused it.

const COURSE = 'The course as the write left it; null when userErrors refused the write.';

@ObjectType({ description: 'What createCourse answers.', simpleResolvers: true })
export class CreateCoursePayload extends Payload {
  @Field(() => Course, { nullable: true, description: 'The new course; null when userErrors refused it.' })
  course: Course | null;
}

@ObjectType({ description: 'What updateCourse answers.', simpleResolvers: true })
export class UpdateCoursePayload extends Payload {
  @Field(() => Course, { nullable: true, description: COURSE })
  course: Course | null;
}

@ObjectType({ description: 'What setCourseSkills answers.', simpleResolvers: true })
export class SetCourseSkillsPayload extends Payload {
  @Field(() => Course, { nullable: true, description: COURSE })
  course: Course | null;
}

@ObjectType({ description: 'What setCoursePrerequisites answers.', simpleResolvers: true })
export class SetCoursePrerequisitesPayload extends Payload {
  @Field(() => Course, { nullable: true, description: COURSE })
  course: Course | null;
}
