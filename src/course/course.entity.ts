import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../common/node';
import { Skill } from '../skill/skill.entity';

export enum CourseFormat {
  ONLINE = 'ONLINE',
  IN_PERSON = 'IN_PERSON',
  LIVE_ONLINE = 'LIVE_ONLINE',
}
registerEnumType(CourseFormat, {
  name: 'CourseFormat',
  description: 'How a course is taught.',
  valuesConfig: {
    ONLINE: { description: "Online, at the learner's own pace" },
    IN_PERSON: { description: 'In a classroom, on a schedule' },
    LIVE_ONLINE: { description: 'Online, live with an instructor, on a schedule' },
  },
});

export enum CourseLevel {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(CourseLevel, {
  name: 'CourseLevel',
  description: 'Whom a course is written for; listed from beginner to advanced.',
  valuesConfig: {
    BEGINNER: { description: 'No prior knowledge of its skills needed' },
    INTERMEDIATE: { description: 'For learners who already use its skills a little' },
    ADVANCED: { description: 'For learners who already use its skills at work' },
  },
});

/** MySQL returns DECIMAL as a string to keep precision; prices fit a double exactly enough. */
const decimalToNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

@ObjectType({
  description: 'A course or programme that teaches skills.',
  implements: Node,
  simpleResolvers: true,
})
@Entity('course')
@Index(['provider', 'title'], { unique: true })
export class Course {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "The course's title, 1 to 200 characters; unique for its provider." })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'Who offers the course (a school, a platform), 1 to 120 characters.' })
  @Column({ type: 'varchar', length: 120 })
  provider: string;

  @Field(() => CourseFormat, { description: 'How the course is taught.' })
  @Column({ type: 'varchar', length: 12 })
  format: CourseFormat;

  @Field(() => Float, {
    nullable: true,
    description: 'Calendar weeks the course takes, 0 to 520; null when the provider publishes none.',
  })
  @Column({ type: 'double', nullable: true })
  durationWeeks: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Hours of study the course takes, 0 to 10,000; null when the provider publishes none.',
  })
  @Column({ type: 'double', nullable: true })
  durationHours: number | null;

  /** In US dollars; answered as `price: Money` by the resolver. */
  @Column({ type: 'decimal', precision: 10, scale: 2, nullable: true, transformer: decimalToNumber })
  priceUsd: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The course's web page, an http or https URL of at most 500 characters; null when unknown.",
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  @Field(() => CourseLevel, { description: 'Whom the course is written for.' })
  @Column({ type: 'varchar', length: 12 })
  level: CourseLevel;

  @Field({ description: 'What the course covers, plain text of at most 5,000 characters; may be empty.' })
  @Column({ type: 'text' })
  description: string;

  /** The course's id in the catalogue it was imported from (`npm run import`); null when made here. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  externalId: string | null;

  /** Moved by every write to the course, its skills or its prerequisites: see CourseCatalog. */
  @Index()
  @UpdateDateColumn()
  updatedAt: Date;
}

@ObjectType({
  description: 'A skill a course teaches, and the level (1 to 5) it brings a learner to.',
  simpleResolvers: true,
})
@Entity('course_skill')
@Index(['skillId', 'level'])
export class CourseSkill {
  @PrimaryColumn({ type: 'int' })
  courseId: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId' })
  course?: Course;

  @PrimaryColumn({ type: 'int' })
  skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Field(() => Int, { description: 'The level the course brings a learner to, 1 (aware) to 5 (expert).' })
  @Column({ type: 'smallint' })
  level: number;
}

/** A skill a learner should hold before starting a course. */
@Entity('course_prerequisite')
export class CoursePrerequisite {
  @PrimaryColumn({ type: 'int' })
  courseId: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId' })
  course?: Course;

  @Index()
  @PrimaryColumn({ type: 'int' })
  skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;
}
