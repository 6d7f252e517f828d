import { CourseLevel } from '../course/course.entity';
import type { ExtractedSkill } from '../taxonomy/extract';
import {
  DEFAULT_PROPOSED_LEVEL,
  ExtractionService,
  MAX_PROPOSED_SKILLS,
} from '../taxonomy/extraction.service';
import { FoundSkill, ImportRecord, SkillExtractor } from './import.types';
import { textOf } from './records';

// Skills for records that list none, read from their text with the taxonomy that
// extractSkills, createJobPosting and setMySkillsFromText read with, and kept as each kind
// of record keeps them: a posting asks for a skill (REQUIRED, or PREFERRED under a cue
// such as "nice to have") at a lowest level; a candidate holds it at a level; a course
// teaches it up to a level. As everywhere a text proposes skills, the 50 surest are kept
// and a level the text does not state is 3, except for courses, whose own level says it.

/** The level a course brings a learner to where its text states none, as the reference courses do. */
export const TAUGHT_LEVEL: Readonly<Record<CourseLevel, number>> = {
  [CourseLevel.BEGINNER]: 2,
  [CourseLevel.INTERMEDIATE]: 3,
  [CourseLevel.ADVANCED]: 4,
};

/** The extractor of `npm run import` and `importRecords`. */
export function importExtractor(extraction: Pick<ExtractionService, 'extractMany'>): SkillExtractor {
  return async (records) => {
    const texts = records.map(textOf);
    const found = await extraction.extractMany(texts);
    return records.map((record, i) => skillsFor(record, texts[i], found[i]));
  };
}

/** What one record keeps of the skills its text names. */
export function skillsFor(record: ImportRecord, text: string, found: ExtractedSkill[]): FoundSkill[] {
  // surest first; a stable sort keeps the order first named among equals
  const surest = [...found].sort((a, b) => b.confidence - a.confidence);
  switch (record.type) {
    case 'posting':
      return surest.slice(0, MAX_PROPOSED_SKILLS).map((s) => ({
        skillId: s.skillId,
        importance: s.importance,
        level: s.level ?? DEFAULT_PROPOSED_LEVEL,
      }));
    case 'candidate':
      return surest
        .slice(0, MAX_PROPOSED_SKILLS)
        .map((s) => ({ skillId: s.skillId, level: s.level ?? DEFAULT_PROPOSED_LEVEL }));
    case 'course': {
      // "Prerequisites: Python" names a skill the course requires, not one it teaches
      const spans = requirementSpans(text);
      const taught = surest.filter((s) => s.mentions.some((m) => !within(spans, m.start)));
      return taught
        .slice(0, MAX_PROPOSED_SKILLS)
        .map((s) => ({ skillId: s.skillId, level: s.level ?? TAUGHT_LEVEL[record.level] }));
    }
  }
}

/** A sentence about what a course asks of its learners beforehand. */
const REQUIRES =
  /\bpre-?requisites?\b|\brequires?\b|\brequired\b|\bassumes?\b|\bprior (?:knowledge|experience)\b|\bexpected to know\b|\bshould (?:already )?know\b|\bbefore (?:taking|starting|you start)\b/i;
/** A heading that opens a list of them. */
const REQUIRES_HEADING =
  /^\W*(?:pre-?requisites?|requirements?|required|before you (?:start|begin)|what you need)\b/i;

/**
 * The stretches of a course's text that say what it requires rather than what it teaches:
 * each sentence naming a prerequisite, and the lines under a heading such as
 * "Prerequisites:" up to a blank line or the next heading. Offsets as `[start, end)`.
 */
export function requirementSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let section = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    const end = offset + line.length;
    if (line.trim() === '') section = false;
    else if (isHeading(line)) section = REQUIRES_HEADING.test(line);
    if (section) {
      spans.push([offset, end]);
    } else {
      let from = 0;
      for (const m of line.matchAll(/[.!?;]+(?=\s|$)|$/g)) {
        const to = m.index + m[0].length;
        if (REQUIRES.test(line.slice(from, to))) spans.push([offset + from, offset + to]);
        from = to;
        if (m[0] === '') break;
      }
    }
    offset = end + 1;
  }
  return spans;
}

/** A short line that introduces what follows ("Prerequisites:", "What you will learn:", "Requirements"). */
function isHeading(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return (words.length <= 8 && /:\s*$/.test(line)) || (words.length <= 3 && REQUIRES_HEADING.test(line));
}

function within(spans: [number, number][], at: number): boolean {
  return spans.some(([start, end]) => at >= start && at < end);
}
