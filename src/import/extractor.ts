import { noSkillExtraction, SkillExtractor } from './import.types';

/**
 * The skill extractor the import uses for postings, resumes and courses that list no
 * skills. Reading skills from text is not part of Skillgraph yet: until it is, such
 * records are imported with no skills, and this is the one place to plug it in (an
 * extractor may answer asynchronously, so it can load what it needs on first use).
 */
export function importExtractor(): SkillExtractor {
  return noSkillExtraction;
}
