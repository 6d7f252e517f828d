import { Field, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../common/node';

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
    LANGUAGE: { description: 'Programming and query languages' },
    FRAMEWORK: { description: 'Frameworks and libraries' },
    DATABASE: { description: 'Databases and data stores' },
    API: { description: 'API styles and protocols such as REST or GraphQL' },
    PLATFORM: { description: 'Web servers, hosting, cloud, content management and CRM platforms' },
    PRACTICE: { description: 'Ways of working such as testing, tuning or accessibility' },
    CONCEPT: { description: 'Computer science and data concepts' },
    TOOL: { description: 'Tools developers use: version control, build, containers, editors' },
    SOFT_SKILL: { description: 'Ways of working with people, such as communication or mentoring' },
  },
});

export enum ExternalScheme {
  ESCO = 'ESCO',
  ONET = 'ONET',
  UNSPSC = 'UNSPSC',
  LINGUIST = 'LINGUIST',
  STACKOVERFLOW = 'STACKOVERFLOW',
}

registerEnumType(ExternalScheme, {
  name: 'ExternalScheme',
  description: 'A public classification a skill is drawn from.',
  valuesConfig: {
    ESCO: { description: 'ESCO skills (European Commission); the id is the concept URI' },
    ONET: { description: 'O*NET 29.2 technology skills; the id is the technology as O*NET names it' },
    UNSPSC: { description: 'UNSPSC commodity or class code, as O*NET groups technologies' },
    LINGUIST: { description: 'GitHub Linguist languages; the id is its language id' },
    STACKOVERFLOW: { description: 'Stack Overflow tags; the id is the tag' },
  },
});

@ObjectType({ description: "A skill's identifier in a public classification." })
export class ExternalId {
  @Field(() => ExternalScheme, { description: 'The classification.' })
  scheme: ExternalScheme;

  @Field({ description: 'The identifier within it.' })
  id: string;
}

@ObjectType({
  description: 'A skill that postings require, candidates hold and courses teach.',
  implements: Node,
  simpleResolvers: true,
})
@Entity('skill')
export class Skill {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: 'Stable, URL-safe key, e.g. `ruby-on-rails`.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  @Field({ description: 'The name to show, e.g. `Ruby on Rails`, 1 to 120 characters.' })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field(() => SkillCategory, { description: 'What kind of skill this is.' })
  @Column({ type: 'varchar', length: 20 })
  category: SkillCategory;

  @Field({ description: 'A sentence on what the skill is, at most 300 characters; may be empty.' })
  @Column({ type: 'varchar', length: 300, default: '' })
  description: string;

  /** The more general skill this one specialises (Django → Python). */
  @Index()
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Skill, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'parentId' })
  parent?: Skill | null;

  @Field(() => [ExternalId], { description: 'Where the public classifications list this skill.' })
  @Column({ type: 'simple-json', nullable: true, transformer: { to: (v) => v, from: (v) => v ?? [] } })
  externalIds: ExternalId[];

  @Field({ description: "Whether O*NET flags it a Hot Technology: one employers' postings ask for often." })
  @Column({ type: 'boolean', default: false })
  hotTechnology: boolean;

  /** Moved by every write to the skill, so the catalogue reloads only after one (see SkillCatalog). */
  @Index()
  @UpdateDateColumn()
  updatedAt: Date;
}

/**
 * One import of the taxonomy. The newest row is the version the extractor answers with;
 * loading a taxonomy that is already there writes nothing.
 */
@Entity('taxonomy_version')
export class TaxonomyVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'int' })
  skillCount: number;

  @CreateDateColumn()
  importedAt: Date;
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

/** The form aliases are stored and looked up by: NFKC, trimmed, lower case, single spaces. */
export function normalizeAlias(alias: string): string {
  return alias.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
