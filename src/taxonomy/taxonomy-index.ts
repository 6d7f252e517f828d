import { buildMatcher, extractSkills, ExtractedSkill, Matcher, MatcherRules, resolveName } from './extract';

// One taxonomy version, compiled: the matcher for reading text and the lookup by slug,
// alias or any normalised spelling of them. Built once per version; pure.

export interface IndexedSkill {
  id: number;
  slug: string;
  name: string;
  aliases: string[];
  /** a grouping in the hierarchy: found by lookup, never read from text */
  group: boolean;
}

export class TaxonomyIndex {
  private readonly matcher: Matcher;
  private readonly exact: Map<string, number>;
  private readonly fullMatcher: Matcher;

  constructor(
    readonly version: string,
    skills: IndexedSkill[],
    rules: MatcherRules,
  ) {
    const readable = skills.filter((s) => !s.group);
    this.matcher = buildMatcher(readable, rules);
    this.fullMatcher = buildMatcher(skills, { terms: {}, notInText: [] });
    this.exact = new Map();
    for (const skill of skills) {
      for (const alias of skill.aliases) this.exact.set(lookupKey(alias), skill.id);
    }
    for (const skill of skills) this.exact.set(lookupKey(skill.slug), skill.id);
  }

  extract(text: string): ExtractedSkill[] {
    return extractSkills(this.matcher, text);
  }

  /** The skill a name stands for: its slug or an alias, else any spelling of one ("node js", "PHP 8"). */
  lookup(name: string): number | null {
    return this.exact.get(lookupKey(name)) ?? resolveName(this.fullMatcher, name);
  }
}

function lookupKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
