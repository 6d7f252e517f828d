import { readCues } from './cues';
import { Token, tokenize } from './text';
import type { TermRule } from './taxonomy.types';
import type { Importance } from '../posting/wanted-skill';

// Reads skills from free text. The taxonomy's names and aliases are compiled once (per
// taxonomy version) into a trie over normalised words; a text is read in one pass, taking
// the longest name at each word, so "Objective-C" is never read as C and "Ruby on Rails"
// never as Ruby. Terms that are also everyday words (Go, Swift, Make, R) are read only as
// written and only in a technical context. Pure: no database, no GraphQL.

export interface MatcherSkill {
  id: number;
  name: string;
  aliases: string[];
}

export interface MatcherRules {
  terms: Record<string, TermRule>;
  notInText: string[];
}

export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface ExtractedSkill {
  skillId: number;
  importance: Importance;
  /** 1 (aware) to 5 (expert) when the text says, else null */
  level: number | null;
  confidence: number;
  mentions: Mention[];
}

interface Entry {
  skillId: number;
  /** the words as the name writes them, for terms read only as written */
  surface: string;
  rule: TermRule | undefined;
  /** how sure a match of this form is, before context */
  weight: number;
}

interface Node {
  next: Map<string, Node> | null;
  entries: Entry[] | null;
}

export interface Matcher {
  root: Node;
  skills: number;
}

/** Words near an ambiguous term that say it is meant technically. */
const TECH_CUES = new Set([
  'language',
  'languages',
  'programming',
  'developer',
  'developers',
  'engineer',
  'engineers',
  'framework',
  'frameworks',
  'stack',
  'coding',
  'written',
  'library',
  'libraries',
]);
// Between two items of a list: spaces, punctuation and the words "and", "or".
const LIST_GAP = /^(?:[\s,/;&|()+·•*:\-–]|\band\b|\bor\b|\bas well as\b)*$/i;
// A field of study, not a skill: "a degree in Computer Science".
const DEGREE_BEFORE =
  /\b(?:degree|bachelor|master|diploma|b\.?sc?|m\.?sc?|b\.?a|ph\.?d)['’]?s?\b[^.\n]{0,24}\b(?:in|of)\s*$/i;
/** Between the words of one name: at most three spaces, dots, hyphens or underscores. */
function isPhraseGap(text: string, from: number, to: number): boolean {
  if (to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 46 && c !== 45 && c !== 95) return false;
  }
  return true;
}
const VERSION = /^v?\d+(?:\+|x)?$|^x$/;
const TRAILING_VERSION = /^([a-z][a-z+#]*?)v?\d+$/;

export function buildMatcher(skills: MatcherSkill[], rules: MatcherRules): Matcher {
  const root: Node = { next: new Map(), entries: null };
  const notInText = new Set(rules.notInText);
  const insert = (path: string[], entry: Entry) => {
    let node = root;
    for (const key of path) {
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { next: null, entries: null }));
      node = child;
    }
    // the first skill to claim a form keeps it; a form written out beats a derived one
    const entries = (node.entries ??= []);
    const held = entries.find((e) => e.skillId !== entry.skillId);
    if (held && held.weight >= entry.weight) return;
    if (held) entries.length = 0;
    if (!entries.some((e) => e.skillId === entry.skillId && e.surface === entry.surface)) entries.push(entry);
  };
  for (const skill of skills) {
    for (const [i, term] of [skill.name, ...skill.aliases].entries()) {
      const tokens = tokenize(term);
      if (tokens.length === 0) continue;
      const path = tokens.map((t) => t.norm);
      const key = path.join(' ');
      if (notInText.has(key)) continue;
      const entry: Entry = {
        skillId: skill.id,
        surface: tokens.map((t) => t.surface).join(' '),
        rule: rules.terms[key],
        weight: i === 0 ? 0.9 : 0.85,
      };
      insert(path, entry);
      const derived = { ...entry, weight: 0.75 };
      if (path.length > 1 && path.join('').length >= 4)
        insert([path.join('')], { ...derived, rule: undefined });
      const last = path[path.length - 1];
      if (/^[a-z]{3,}$/.test(last) && !entry.rule) {
        for (const plural of pluralsOf(last)) insert([...path.slice(0, -1), plural], derived);
      }
    }
  }
  return { root, skills: skills.length };
}

function pluralsOf(word: string): string[] {
  if (/(s|x|z|ch|sh)$/.test(word)) return [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  return [`${word}s`];
}

interface Candidate {
  first: number;
  last: number;
  entry: Entry;
  start: number;
  end: number;
}

/** Every skill the text names, in the order first named, with where and how it is asked for. */
export function extractSkills(matcher: Matcher, text: string): ExtractedSkill[] {
  const tokens = tokenize(text);
  const candidates = findCandidates(matcher, text, tokens, false);
  const accepted = resolveContext(text, tokens, candidates);
  const cues = readCues(text);
  const bySkill = new Map<number, ExtractedSkill>();
  for (const c of accepted) {
    const { importance, level } = cues.at(c.start);
    let skill = bySkill.get(c.entry.skillId);
    if (!skill) {
      skill = { skillId: c.entry.skillId, importance, level, confidence: 0, mentions: [] };
      bySkill.set(c.entry.skillId, skill);
    } else {
      if (importance === 'REQUIRED') skill.importance = 'REQUIRED';
      if (level !== null && (skill.level === null || level > skill.level)) skill.level = level;
    }
    const weight = c.entry.rule?.needsContext ? 0.7 : c.entry.weight;
    skill.confidence = Math.max(skill.confidence, weight);
    skill.mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end) });
  }
  for (const skill of bySkill.values()) {
    skill.confidence =
      Math.round(Math.min(0.99, skill.confidence + 0.03 * (skill.mentions.length - 1)) * 100) / 100;
  }
  return [...bySkill.values()];
}

/**
 * The one skill a short name stands for, read as a whole ("node js", "PHP 8", "React.js"),
 * regardless of the context rules; null when it is not exactly one skill.
 */
export function resolveName(matcher: Matcher, name: string): number | null {
  const tokens = tokenize(name);
  if (tokens.length === 0) return null;
  const [found] = findCandidates(matcher, name, tokens, true);
  return found && found.first === 0 && found.last === tokens.length - 1 ? found.entry.skillId : null;
}

function findCandidates(matcher: Matcher, text: string, tokens: Token[], lenient: boolean): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length;) {
    const match = longestAt(matcher, text, tokens, i, lenient);
    if (!match) {
      i++;
      continue;
    }
    let last = match.last;
    while (
      last + 1 < tokens.length &&
      VERSION.test(tokens[last + 1].norm) &&
      isVersionGap(text, tokens, last)
    )
      last++;
    if (last > match.last && /^(years?|yrs?)$/.test(tokens[last + 1]?.norm ?? '')) last = match.last;
    found.push({ ...match, last, end: tokens[last].end });
    i = last + 1;
  }
  return found;
}

function isVersionGap(text: string, tokens: Token[], at: number): boolean {
  const gap = text.slice(tokens[at].end, tokens[at + 1].start);
  return gap === '' || gap === ' ' || gap === '.';
}

function longestAt(
  matcher: Matcher,
  text: string,
  tokens: Token[],
  i: number,
  lenient: boolean,
): Candidate | null {
  let node: Node | undefined = matcher.root;
  let best: Candidate | null = null;
  for (let j = i; j < tokens.length; j++) {
    if (!node.next) break;
    if (j > i && !isPhraseGap(text, tokens[j - 1].end, tokens[j].start)) break;
    const token = tokens[j];
    let next: Node | undefined = node.next.get(token.norm);
    if (!next && j === i && token.norm.charCodeAt(token.norm.length - 1) <= 57) {
      const bare = TRAILING_VERSION.exec(token.norm)?.[1];
      if (bare && bare.length >= 2) next = node.next.get(bare);
    }
    if (!next) break;
    node = next;
    const entry = node.entries?.find((e) => lenient || writtenAsRequired(e, tokens, i, j));
    if (entry) best = { first: i, last: j, entry, start: tokens[i].start, end: token.end };
  }
  return best;
}

/**
 * A term read only as written must appear with its own capitals (or in capitals
 * throughout); one the taxonomy writes in lower case must appear capitalised ("Make", not
 * "make").
 */
function writtenAsRequired(entry: Entry, tokens: Token[], first: number, last: number): boolean {
  if (!entry.rule?.caseSensitive) return true;
  const written = tokens
    .slice(first, last + 1)
    .map((t) => t.surface)
    .join(' ');
  if (entry.surface === entry.surface.toLowerCase()) return written[0] !== written[0].toLowerCase();
  return written === entry.surface || (written.length > 1 && written === entry.surface.toUpperCase());
}

/**
 * Keeps the matches that need no context, and those that do when they stand in a list
 * beside another skill or near a word that says they are technical. A list vouches along
 * its length: "Java, Go, Rust" keeps all three.
 */
function resolveContext(text: string, tokens: Token[], candidates: Candidate[]): Candidate[] {
  const studied = candidates.map((c) => DEGREE_BEFORE.test(text.slice(Math.max(0, c.start - 40), c.start)));
  const ok = candidates.map(
    (c, k) => !studied[k] && (!c.entry.rule?.needsContext || hasCue(text, tokens, c)),
  );
  // two names read only as written vouch for each other in a list ("Go, Rust"), unless both
  // are single letters ("A, B and C")
  const pairs = (a: Candidate, b: Candidate) =>
    !!a.entry.rule?.caseSensitive && !!b.entry.rule?.caseSensitive && a.end - a.start + (b.end - b.start) > 2;
  const adjacent = (a: Candidate, b: Candidate) =>
    b.first - a.last <= 4 &&
    LIST_GAP.test(text.slice(a.end, b.start)) &&
    !text.slice(a.end, b.start).includes('\n\n');
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 0; k < candidates.length; k++) {
      if (ok[k] || studied[k]) continue;
      const before = k > 0 && adjacent(candidates[k - 1], candidates[k]);
      const after = k + 1 < candidates.length && adjacent(candidates[k], candidates[k + 1]);
      if (
        (before && (ok[k - 1] || pairs(candidates[k - 1], candidates[k]))) ||
        (after && (ok[k + 1] || pairs(candidates[k], candidates[k + 1])))
      ) {
        ok[k] = changed = true;
      }
    }
  }
  return candidates.filter((_, k) => ok[k]);
}

/**
 * Whether a word near the term, on its line, says it is technical. A capital at the start
 * of a sentence proves nothing ("Make your mark"), so there only a list vouches.
 */
function hasCue(text: string, tokens: Token[], c: Candidate): boolean {
  const before = text.slice(Math.max(0, c.start - 3), c.start);
  if (c.first === 0 || /(?:^|[.!?:]\s*|\n\s*)$/.test(before)) return false;
  const cues = c.entry.rule?.cues ?? [];
  const isCue = (k: number) => TECH_CUES.has(tokens[k].norm) || cues.includes(tokens[k].norm);
  const sameLine = (from: number, to: number) => !text.slice(from, to).includes('\n');
  for (let k = c.first - 1; k >= Math.max(0, c.first - 6) && sameLine(tokens[k].end, c.start); k--) {
    if (isCue(k)) return true;
  }
  for (
    let k = c.last + 1;
    k <= Math.min(tokens.length - 1, c.last + 6) && sameLine(c.end, tokens[k].start);
    k++
  ) {
    if (isCue(k)) return true;
  }
  return false;
}
