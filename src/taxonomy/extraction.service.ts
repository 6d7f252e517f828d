import { DataSource } from 'typeorm';
import { MAX_WRITTEN_LIST } from '../common/input-bounds';
import { ExternalScheme, Skill, SkillAlias, TaxonomyVersion } from '../skill/skill.entity';
import { SkillCatalog } from '../skill/skill-catalog';
import { Importance } from '../posting/posting.entity';
import { ExtractedSkill, MatcherRules } from './extract';
import { TaxonomyIndex } from './taxonomy-index';

// Holds the taxonomy compiled for reading text, rebuilt only when the skill catalogue was
// read again, that is when a skill or an alias was written (every such write moves a
// skill's `updatedAt`): the catalogue's one cheap check per request, and a rebuild (two
// statements and a few hundred milliseconds) per change.

/** A level the text does not state is proposed as working knowledge. */
export const DEFAULT_PROPOSED_LEVEL = 3;
/** At most this many skills are proposed from one text, the surest first: as many as a posting or profile holds. */
export const MAX_PROPOSED_SKILLS = MAX_WRITTEN_LIST;

export interface Extraction {
  skills: (Omit<ExtractedSkill, 'skillId'> & { skill: Skill })[];
  taxonomyVersion: string;
}

export class ExtractionService {
  private index: TaxonomyIndex | null = null;
  /** the catalogue generation the index was built from */
  private builtFrom = -1;
  private building: Promise<void> | null = null;

  /**
   * @param rules the taxonomy's rules for reading text (its ambiguous terms, and the aliases
   * never read from text), from the derived taxonomy file the composition root names
   */
  constructor(
    private readonly db: DataSource,
    private readonly catalog: SkillCatalog,
    private readonly rules: () => MatcherRules,
  ) {}

  /** The skills `text` names, in the order first named. */
  async extract(text: string): Promise<Extraction> {
    const index = await this.current();
    const skills = index.extract(text).flatMap(({ skillId, ...found }) => {
      const skill = this.catalog.get(skillId);
      return skill ? [{ ...found, skill }] : [];
    });
    return { skills, taxonomyVersion: index.version };
  }

  /**
   * The skills each text names, by skill id, read with one taxonomy: one check that it is
   * current for the lot, as a bulk import reads a batch of texts at a time.
   */
  async extractMany(texts: string[]): Promise<ExtractedSkill[][]> {
    const index = await this.current();
    return texts.map((text) => index.extract(text));
  }

  /**
   * The skills a posting's text asks for, as a posting lists them: at most
   * MAX_PROPOSED_SKILLS, the surest first; a level the text does not state is 3 (working).
   */
  async proposePostingSkills(
    text: string,
  ): Promise<{ skill: string; importance: Importance; minLevel: number }[]> {
    const { skills } = await this.extract(text);
    return [...skills]
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, MAX_PROPOSED_SKILLS)
      .map((s) => ({
        skill: s.skill.slug,
        importance: s.importance as Importance,
        minLevel: s.level ?? DEFAULT_PROPOSED_LEVEL,
      }));
  }

  /** The skill any spelling of a name stands for ("node js", "PHP 8"), or null. */
  async resolve(name: string): Promise<Skill | null> {
    if (name.length > 200) return null; // longer than any name
    const id = (await this.current()).lookup(name);
    return id === null ? null : (this.catalog.get(id) ?? null);
  }

  /** The index, rebuilt when the catalogue was read again since (a skill or an alias was written). */
  private async current(): Promise<TaxonomyIndex> {
    await this.catalog.refresh();
    while (this.builtFrom !== this.catalog.generation) {
      const generation = this.catalog.generation;
      this.building ??= this.rebuild()
        .then(() => {
          this.builtFrom = generation;
        })
        .finally(() => (this.building = null));
      await this.building;
    }
    return this.index!;
  }

  private async rebuild(): Promise<void> {
    const [aliases, latest] = await Promise.all([
      this.db.getRepository(SkillAlias).find({ select: { skillId: true, alias: true } }),
      this.db.getRepository(TaxonomyVersion).find({ order: { id: 'DESC' }, take: 1 }),
    ]);
    const aliasesOf = new Map<number, string[]>();
    for (const a of aliases) aliasesOf.set(a.skillId, [...(aliasesOf.get(a.skillId) ?? []), a.alias]);
    const skills = this.catalog.all().map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      aliases: aliasesOf.get(s.id) ?? [],
      group: s.externalIds.length > 0 && s.externalIds.every((e) => e.scheme === ExternalScheme.UNSPSC),
    }));
    const { terms, notInText } = this.rules();
    this.index = new TaxonomyIndex(latest[0]?.version ?? 'unversioned', skills, { terms, notInText });
  }
}
