// The shapes of the taxonomy: what the sources give, what the curated overrides say, and
// the derived file the seed loads. Plain data, no database and no GraphQL.

export type ExternalScheme = 'ESCO' | 'ONET' | 'UNSPSC' | 'LINGUIST' | 'STACKOVERFLOW';

export type Category =
  'LANGUAGE' | 'FRAMEWORK' | 'DATABASE' | 'API' | 'PLATFORM' | 'TOOL' | 'PRACTICE' | 'CONCEPT' | 'SOFT_SKILL';

export interface ExternalRef {
  scheme: ExternalScheme;
  id: string;
}

/** One skill of the derived taxonomy file. Parents come before their children. */
export interface TaxonomySkill {
  slug: string;
  name: string;
  category: Category;
  description: string;
  parent?: string;
  aliases: string[];
  externalIds: ExternalRef[];
  /** O*NET's Hot Technology flag */
  hot?: boolean;
  /** a grouping (a UNSPSC class or commodity): in the hierarchy, never read from text */
  group?: boolean;
}

/** How the extractor treats one term (a name or alias, compared by its normalised form). */
export interface TermRule {
  /** the term as it must be written, case and all ("Go", "R") */
  caseSensitive?: boolean;
  /** read only beside other skills in a list, or near one of `cues` */
  needsContext?: boolean;
  /** words near the term (within a few words) that say it is the skill */
  cues?: string[];
}

export interface TaxonomyFile {
  version: string;
  /** attribution of every source the file is derived from */
  sources: { name: string; licence: string; attribution: string }[];
  skills: TaxonomySkill[];
  /** terms the extractor reads only as the rule says, keyed by their normalised form */
  terms: Record<string, TermRule>;
  /** aliases the lookup resolves but the extractor never reads from text */
  notInText: string[];
}

/** The reviewed corrections applied on every import; see seeds/taxonomy/overrides.ts. */
export interface TaxonomyOverrides {
  /** words that are never a skill by themselves: no skill is named so, no alias is one */
  generic: string[];
  /** source items left out, by their name as the source spells it */
  exclude: string[];
  /** source items folded into a skill: the skill's slug, then names as the sources spell them */
  merge: Record<string, string[]>;
  /** fields set on a skill after merging, by slug (or by a source name, to rename its slug) */
  edit: Record<string, Partial<Omit<TaxonomySkill, 'aliases' | 'externalIds'>> & { addAliases?: string[] }>;
  /** skills no source has, added as written */
  add: Omit<TaxonomySkill, 'externalIds'>[];
  /** aliases a skill (by slug) never gets from a source, because they name something else */
  blockedAliases: Record<string, string[]>;
  /** the extractor's rules for ambiguous terms */
  terms: Record<string, TermRule>;
  /** common words that are nonetheless read freely as the skill ("java", "python") */
  plainWords: string[];
  /** aliases resolved by lookup but never read from text */
  notInText: string[];
}
