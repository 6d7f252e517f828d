import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum SkillCategory {
  LANGUAGE = 'LANGUAGE',
  FRAMEWORK = 'FRAMEWORK',
  DATABASE = 'DATABASE',
  API = 'API',
  PLATFORM = 'PLATFORM',
  TOOL = 'TOOL',
  PRACTICE = 'PRACTICE',
  CONCEPT = 'CONCEPT',
  SOFT_SKILL = 'SOFT_SKILL',
}

registerEnumType(SkillCategory, {
  name: 'SkillCategory',
  description: 'What kind of skill this is.',
  valuesConfig: {
    PLATFORM: { description: 'Web servers, hosting, cloud, content management and CRM platforms' },
    PRACTICE: { description: 'Ways of working such as testing, tuning or accessibility' },
    CONCEPT: { description: 'Computer science and data concepts' },
  },
});

@ObjectType({
  description: 'A skill that postings require, candidates hold and courses teach.',
  simpleResolvers: true,
})
@Entity('skill')
export class Skill {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Stable, URL-safe key, e.g. `ruby-on-rails`.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field(() => SkillCategory)
  @Column({ type: 'varchar', length: 20 })
  category: SkillCategory;

  @Field()
  @Column({ type: 'varchar', length: 300, default: '' })
  description: string;

  /** The more general skill this one specialises (Django → Python). */
  @Index()
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Skill, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'parentId' })
  parent?: Skill | null;
}

/**
 * Another name people use for a skill ("JS", "Postgres"). `normalized` holds the
 * lower-cased form and carries the unique key, so aliases are unique regardless
 * of case on every database, whatever its collation.
 */
@Entity('skill_alias')
export class SkillAlias {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'int' })
  skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Column({ type: 'varchar', length: 80 })
  alias: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  normalized: string;
}

export function normalizeAlias(alias: string): string {
  return alias.trim().toLowerCase();
}
