import type { Importance } from '../posting/wanted-skill';

// What a posting says around a skill: whether it is wanted or merely welcome ("nice to have",
// "a plus", a "Bonus" heading), and how well it must be known ("5+ years", "expert",
// "basic"). Read per sentence; a heading's cue holds until the next heading. Levels run
// 1 (aware) to 5 (expert), as everywhere in Skillgraph. Pure.

const PREFERRED =
  /nice[\s-]to[\s-]have|\ba (?:big |huge |real )?plus\b|\bis a plus\b|\bbonus\b|\bpreferred\b|\bpreferabl[ey]\b|familiarity with|\bdesirable\b|\bdesired\b|\bideally\b|would be (?:great|nice|an advantage|a bonus)|\badvantageous\b|\ban advantage\b|\bnot required\b|\boptional\b|\bnice if\b/i;
const REQUIRED = /\bmust\b|\brequired\b|\brequirements?\b|\bessential\b|\bmandatory\b|\bneed to have\b/i;

const LEVEL_WORDS: [RegExp, number][] = [
  [/\b(?:expert|expertise|mastery|guru|deep (?:knowledge|understanding|experience)|extensive)\b/gi, 5],
  [/\b(?:senior|strong|advanced|solid|proficien(?:t|cy)|in-depth|excellent|thorough)\b/gi, 4],
  [/\b(?:good|working knowledge|hands-on|practical|intermediate|comfortable)\b/gi, 3],
  [/\b(?:basic|basics|familiar|familiarity|exposure|some experience|junior|beginner)\b/gi, 2],
  [/\b(?:aware(?:ness)?|interest in)\b/gi, 1],
];
const YEARS = /\b(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b/gi;

/** Years of experience asked for, on the level scale. */
export function levelForYears(years: number): number {
  if (years >= 8) return 5;
  if (years >= 5) return 4;
  if (years >= 3) return 3;
  return years >= 1 ? 2 : 1;
}

interface Sentence {
  start: number;
  end: number;
  /** the importance its heading gives it */
  section: Importance;
  /** read on first use: most sentences name no skill */
  cues?: { importance: Importance; levels: { at: number; level: number }[] };
}

export interface Cues {
  /** the importance and level cues that hold at this offset */
  at(offset: number): { importance: Importance; level: number | null };
}

export function readCues(text: string): Cues {
  const sentences: Sentence[] = [];
  let section: Importance = 'REQUIRED';
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.length <= 120 && isHeading(line)) section = PREFERRED.test(line) ? 'PREFERRED' : 'REQUIRED';
    let from = 0;
    for (const end of [
      ...[...line.matchAll(/[.!?;]+(?=\s|$)/g)].map((m) => m.index + m[0].length),
      line.length,
    ]) {
      if (end <= from) continue;
      sentences.push({ start: offset + from, end: offset + end, section });
      from = end;
    }
    offset += line.length + 1;
  }
  const cuesOf = (sentence: Sentence) => {
    if (!sentence.cues) {
      const body = text.slice(sentence.start, sentence.end);
      const own: Importance | null = PREFERRED.test(body)
        ? 'PREFERRED'
        : REQUIRED.test(body)
          ? 'REQUIRED'
          : null;
      sentence.cues = { importance: own ?? sentence.section, levels: levelsIn(body, sentence.start) };
    }
    return sentence.cues;
  };
  return {
    at(position) {
      const sentence = findSentence(sentences, position);
      if (!sentence) return { importance: 'REQUIRED', level: null };
      const { importance, levels } = cuesOf(sentence);
      // a cue before the skill binds closer than one after it
      const distance = (at: number) => (at <= position ? position - at : (at - position) * 2);
      let best: { at: number; level: number } | null = null;
      for (const cue of levels) if (!best || distance(cue.at) < distance(best.at)) best = cue;
      return { importance, level: best?.level ?? null };
    },
  };
}

function isHeading(line: string): boolean {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  return (
    /:\s*$/.test(line) ||
    /^\W*(?:nice[\s-]to[\s-]have|bonus|preferred|desired|desirable|requirements?|required|must[\s-]haves?|qualifications)\b/i.test(
      line.trim(),
    )
  );
}

function levelsIn(body: string, start: number): { at: number; level: number }[] {
  const levels: { at: number; level: number }[] = [];
  for (const m of body.matchAll(YEARS))
    levels.push({ at: start + m.index, level: levelForYears(Number(m[1])) });
  for (const [pattern, level] of LEVEL_WORDS)
    for (const m of body.matchAll(pattern)) levels.push({ at: start + m.index, level });
  return levels;
}

function findSentence(sentences: Sentence[], position: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= position) lo = mid + 1;
    else if (sentences[mid].start > position) hi = mid - 1;
    else return sentences[mid];
  }
  return undefined;
}
