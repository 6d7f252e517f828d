import { tokenKeys } from './text';
import type { Category, TaxonomyOverrides, TaxonomySkill, TermRule } from './taxonomy.types';

// The extractor's rules for terms that are also everyday words. Pure.

/** How many of the commonest English words count as everyday words. */
export const COMMON_WORDS = 10000;
/** Of those, the ones so common that even in capitals they are read as words first ("BASIC"). */
const VERY_COMMON_WORDS = 2000;
const ACTIVITIES = new Set<Category>(['PRACTICE', 'CONCEPT']);

/**
 * The extractor's rules: single letters and short or common words are read only as written
 * (case and all) and only in a technical context; the overrides add and correct rules.
 */
export function termRules(
  skills: TaxonomySkill[],
  commonWords: string[],
  dictionary: string[],
  overrides: TaxonomyOverrides,
): Record<string, TermRule> {
  const words = new Set(dictionary);
  const common = new Set(commonWords.slice(0, COMMON_WORDS));
  const veryCommon = new Set(commonWords.slice(0, VERY_COMMON_WORDS));
  const plain = new Set(overrides.plainWords.map((w) => tokenKeys(w).join(' ')));
  const rules: Record<string, TermRule> = {};
  for (const skill of skills) {
    if (skill.group) continue;
    for (const term of [skill.name, ...skill.aliases]) {
      const keys = tokenKeys(term);
      const key = keys.join(' ');
      if (plain.has(key)) continue;
      const surface = term.trim();
      const acronym = surface === surface.toUpperCase();
      if (keys.length !== 1) continue;
      // a language named by an English word ("Dart", "Groovy") is read as written, in context
      if (skill.category === 'LANGUAGE' && words.has(key) && surface !== surface.toLowerCase()) {
        rules[key] ??= { caseSensitive: !acronym, needsContext: true };
      }
      // a practice or concept named by one plain word is also everyday work ("debugging",
      // "testing"): read it where a posting lists it beside other skills
      if (ACTIVITIES.has(skill.category) && !acronym && surface.slice(1) === surface.slice(1).toLowerCase()) {
        rules[key] ??= { needsContext: true };
      }
      const properNoun = !acronym && surface !== surface.toLowerCase();
      if (/^[a-z0-9]{1,2}$/.test(key)) rules[key] = { caseSensitive: key.length === 1, needsContext: true };
      else if (common.has(key) && (!acronym || veryCommon.has(key)))
        rules[key] = { caseSensitive: properNoun || acronym, needsContext: true };
    }
  }
  for (const [term, rule] of Object.entries(overrides.terms)) rules[tokenKeys(term).join(' ')] = rule;
  return Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b)));
}
