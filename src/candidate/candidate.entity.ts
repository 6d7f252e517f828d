import { Field, Float, Int, ObjectType } from 'type-graphql';
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

@ObjectType({
  description: 'A person looking for work or learning towards it, with the skills they hold.',
  implements: Node,
  simpleResolvers: true,
})
@Entity('candidate')
export class Candidate {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'The name shown to others, 1 to 120 characters.' })
  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  /**
   * Private: exposed through a field resolver that checks who is asking. Not unique: a
   * learner who signs up with the address of a profile imported without an account gets
   * a profile of their own.
   */
  @Index()
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field({ description: 'One line on who the candidate is, at most 200 characters; may be empty.' })
  @Column({ type: 'varchar', length: 200, default: '' })
  headline: string;

  @Field({ description: 'Where the candidate lives, free text such as `Austin, TX`; empty when not given.' })
  @Column({ type: 'varchar', length: 120, default: '' })
  location: string;

  @Field(() => RemotePolicy, { description: 'The way of working this candidate prefers.' })
  @Column({ type: 'varchar', length: 10 })
  remote: RemotePolicy;

  @Field(() => Float, {
    description: 'Years of professional experience, 0 or more; may be fractional (0.5).',
  })
  @Column({ type: 'double', default: 0 })
  yearsExperience: number;

  @Field({
    description: 'Whether the candidate looks for work: recruiters see and rank only candidates who do.',
  })
  @Column({ type: 'boolean', default: true })
  openToWork: boolean;

  /** The profile's id in the system it was imported from (`npm run import`); null when made here. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  externalId: string | null;

  @Field({ description: 'When the profile was created.' })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: 'When the profile or its skills last changed.' })
  @Index()
  @UpdateDateColumn()
  updatedAt: Date;
}

@ObjectType({
  description: 'A skill a candidate holds, at a level from 1 (aware) to 5 (expert).',
  simpleResolvers: true,
})
@Entity('candidate_skill')
@Index(['skillId', 'level'])
export class CandidateSkill {
  @PrimaryColumn({ type: 'int' })
  candidateId: number;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidateId' })
  candidate?: Candidate;

  @PrimaryColumn({ type: 'int' })
  skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Field(() => Int, { description: 'How well the candidate knows the skill, 1 (aware) to 5 (expert).' })
  @Column({ type: 'smallint' })
  level: number;

  @Field(() => Float, { nullable: true, description: 'Years of use, where the candidate said.' })
  @Column({ type: 'double', nullable: true })
  years: number | null;
}
