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
registerEnumType(CourseFormat, { name: 'CourseFormat' });

export enum CourseLevel {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(CourseLevel, { name: 'CourseLevel' });

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

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  provider: string;

  @Field(() => CourseFormat)
  @Column({ type: 'varchar', length: 12 })
  format: CourseFormat;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  durationWeeks: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double', nullable: true })
  durationHours: number | null;

  @Field(() => Float, { nullable: true, description: 'Price in US dollars, where published.' })
  @Column({ type: 'decimal', precision: 10, scale: 2, nullable: true, transformer: decimalToNumber })
  priceUsd: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  url: string | null;

  @Field(() => CourseLevel)
  @Column({ type: 'varchar', length: 12 })
  level: CourseLevel;

  @Field()
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

  @Field(() => Int)
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
