import { DataSource } from 'typeorm';
import { buildSkillTree, SkillTree } from '../matching/scoring';
import { Skill } from './skill.entity';

// Every skill, held by the process between requests. The taxonomy is small (about a
// hundred rows) and nearly every answer names skills, so reading it here once a second
// (the match index's change feed calls `reload`) spares most requests a statement. A
// skill the snapshot does not hold yet is read from the database by the `skillById`
// loader, so a new skill is never missing; an edit made through another instance shows
// here within a second, and one made through this instance at once.

export class SkillCatalog {
  private byId = new Map<number, Skill>();
  private hierarchy: SkillTree = buildSkillTree([]);
  private loaded: Promise<void> | null = null;

  constructor(private readonly db: DataSource) {}

  /** Loads the catalogue on first use; later calls wait for the same load (a failed one is retried). */
  ready(): Promise<void> {
    this.loaded ??= this.reload().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  async reload(): Promise<void> {
    const skills = await this.db.getRepository(Skill).find();
    this.byId = new Map(skills.map((s) => [s.id, s]));
    this.hierarchy = buildSkillTree(skills.map((s) => ({ id: s.id, parentId: s.parentId })));
    this.loaded ??= Promise.resolve(); // loaded already: `ready` need not load it again
  }

  /** The skill as of the last reload; undefined when it is newer than that (or unknown). */
  get(id: number): Skill | undefined {
    return this.byId.get(id);
  }

  /** The skill hierarchy as of the last reload. */
  tree(): SkillTree {
    return this.hierarchy;
  }
}
