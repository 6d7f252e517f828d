import { DataSource } from 'typeorm';
import { Refreshable } from '../common/refresh';
import { RebuiltOnChange } from '../common/rows-version';
import { buildSkillTree, SkillTree } from './skill-tree';
import { ExternalScheme, Skill } from './skill.entity';

// Every skill, held by the process between requests. Nearly every answer names skills, so
// holding the taxonomy (a couple of thousand rows) here spares most requests a statement.
// The refresh loop (context.ts) calls `refresh` once a second; it reads the rows again only
// when their count or newest `updatedAt` moved. A skill the snapshot does not hold yet is
// read from the database by the `skillById` loader, so a new skill is never missing; an
// edit made through another instance shows here within a second, and one made through this
// instance at once.

export class SkillCatalog implements Refreshable {
  private byId = new Map<number, Skill>();
  private hierarchy: SkillTree = buildSkillTree([]);
  private loaded: Promise<void> | null = null;

  private readonly changes: RebuiltOnChange;
  private reads = 0;

  constructor(private readonly db: DataSource) {
    this.changes = new RebuiltOnChange(
      () => this.db.getRepository(Skill).createQueryBuilder('skill'),
      'skill',
      () => this.read(),
    );
  }

  /** Loads the catalogue on first use; later calls wait for the same load (a failed one is retried). */
  ready(): Promise<void> {
    this.loaded ??= this.refresh().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  /** Brings the snapshot up to date with every write committed before this call. */
  async refresh(): Promise<void> {
    await this.changes.check();
    this.loaded ??= Promise.resolve(); // loaded already: `ready` need not load it again
  }

  /** Every skill, in id order. */
  all(): Skill[] {
    return [...this.byId.values()];
  }

  /** Moves each time the snapshot is read again: what is built from it is current while it stands still. */
  get generation(): number {
    return this.reads;
  }

  private async read(): Promise<void> {
    const skills = await this.db.getRepository(Skill).find({ order: { id: 'ASC' } });
    this.reads++;
    this.byId = new Map(skills.map((s) => [s.id, s]));
    // A classification's grouping (a UNSPSC class such as "Development software") places
    // skills for browsing; it does not make them related, so matching leaves it out.
    const isGroup = (id: number | null) => {
      const ids = id === null ? [] : (this.byId.get(id)?.externalIds ?? []);
      return ids.length > 0 && ids.every((e) => e.scheme === ExternalScheme.UNSPSC);
    };
    this.hierarchy = buildSkillTree(
      skills.map((s) => ({ id: s.id, parentId: isGroup(s.parentId) || isGroup(s.id) ? null : s.parentId })),
    );
  }

  /** The skill as of the last refresh; undefined when it is newer than that (or unknown). */
  get(id: number): Skill | undefined {
    return this.byId.get(id);
  }

  /** The skill hierarchy as of the last refresh. */
  tree(): SkillTree {
    return this.hierarchy;
  }
}
