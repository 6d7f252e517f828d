import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../common/node';
import { RemotePolicy } from '../common/remote-policy';
import { Skill } from '../skill/skill.entity';
import { DEFAULT_WEIGHT, Importance } from './wanted-skill';

export enum Seniority {
  JUNIOR = 'JUNIOR',
  MID = 'MID',
  SENIOR = 'SENIOR',
  LEAD = 'LEAD',
}
registerEnumType(Seniority, {
  name: 'Seniority',
  description: 'How senior a posting is, from junior to lead; listed in that order.',
  valuesConfig: {
    JUNIOR: { description: 'Entry level: works under guidance' },
    MID: { description: 'Works independently on well-defined work' },
    SENIOR: { description: 'Owns larger pieces of work and guides others' },
    LEAD: { description: 'Leads a team or the technical direction' },
  },
});

export enum PostingStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(PostingStatus, {
  name: 'PostingStatus',
  description: 'Whether a posting is still hiring.',
  valuesConfig: {
    OPEN: { description: 'Hiring: listed to everyone and ranked for candidates' },
    CLOSED: { description: "No longer hiring: seen only by its company's recruiters and admins" },
  },
});

registerEnumType(Importance, {
  name: 'Importance',
  description: 'How much a posting needs a skill.',
  valuesConfig: {
    REQUIRED: { description: 'Must have: `meetsAllRequired` checks these' },
    PREFERRED: { description: 'Nice to have: counts towards the score, but `meetsAllRequired` ignores it' },
  },
});
export { DEFAULT_WEIGHT, Importance };

@ObjectType({
  description: 'An employer that publishes job postings.',
  implements: Node,
  simpleResolvers: true,
})
@Entity('company')
export class Company {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "The company's name, unique, 1 to 160 characters." })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 160 })
  name: string;

  @CreateDateColumn()
  createdAt: Date;
}

@ObjectType({
  description: 'A job a company is hiring for, with the skills it asks for.',
  implements: Node,
  simpleResolvers: true,
})
@Entity('job_posting')
@Index(['status', 'id'])
@Index(['companyId', 'externalId'], { unique: true })
export class JobPosting {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'The job title, 1 to 200 characters.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'The job description as the company wrote it, plain text; may be empty.' })
  @Column({ type: 'text' })
  description: string;

  @Index()
  @Column({ type: 'int' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'companyId' })
  company?: Company;

  @Field(() => Seniority, { description: 'How senior the job is.' })
  @Column({ type: 'varchar', length: 10 })
  seniority: Seniority;

  // Float in the API, like a candidate's years, so both sides of a match read alike; postings
  // take whole years (see the inputs), so the int column holds every value and needs no migration.
  @Field(() => Float, {
    description:
      'Years of experience asked for, 0 or more. A candidate with fewer keeps 80% (none) to 100% of their score.',
  })
  @Column({ type: 'int', default: 0 })
  minYearsExperience: number;

  @Field({ description: 'Where the job is, free text such as `Austin, TX`; empty when not given.' })
  @Column({ type: 'varchar', length: 120, default: '' })
  location: string;

  @Field(() => RemotePolicy, { description: 'The way of working the job offers.' })
  @Column({ type: 'varchar', length: 10 })
  remote: RemotePolicy;

  /** Answered as `salaryMin: Money` by the resolver. */
  @Column({ type: 'int', nullable: true })
  salaryMin: number | null;

  /** Answered as `salaryMax: Money` by the resolver. */
  @Column({ type: 'int', nullable: true })
  salaryMax: number | null;

  /** The currency of salaryMin and salaryMax; answered inside their Money. */
  @Column({ type: 'varchar', length: 3, default: 'USD' })
  salaryCurrency: string;

  @Field(() => PostingStatus, { description: 'Whether the posting is still hiring.' })
  @Column({ type: 'varchar', length: 10, default: PostingStatus.OPEN })
  status: PostingStatus;

  /** The posting's id in the company's own system (`npm run import`); unique per company, null when made here. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  externalId: string | null;

  @Field({ description: 'When the posting was created.' })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: 'When the posting or its skills last changed.' })
  @Index()
  @UpdateDateColumn()
  updatedAt: Date;
}

@ObjectType({
  description: 'A skill a posting asks for, how much it matters and at what level.',
  simpleResolvers: true,
})
@Entity('posting_skill')
export class PostingSkill {
  @PrimaryColumn({ type: 'int' })
  postingId: number;

  @ManyToOne(() => JobPosting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postingId' })
  posting?: JobPosting;

  /** Indexed on its own (it is second in the primary key) for skill → postings look-ups. */
  @Index()
  @PrimaryColumn({ type: 'int' })
  skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Field(() => Importance, { description: 'Whether the posting requires the skill or only prefers it.' })
  @Column({ type: 'varchar', length: 10 })
  importance: Importance;

  @Field(() => Int, { description: 'Lowest level that fully meets the posting, 1 (aware) to 5 (expert).' })
  @Column({ type: 'smallint' })
  minLevel: number;

  @Field(() => Float, { description: 'Share of the match score this skill carries.' })
  @Column({ type: 'double' })
  weight: number;
}
