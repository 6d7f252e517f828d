import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isCompositeType, isListType, isNonNullType, isObjectType } from 'graphql';
import { isPageItems, isPaged } from '../../src/common/connection';
import { listSizeOf, MAX_WRITTEN_LIST } from '../../src/common/input-bounds';
import { buildAppSchema, renderSchema } from '../../src/schema';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(renderSchema(await buildAppSchema())).toBe(committed);
  });
});

describe('lists of objects, as the cost model counts them', () => {
  it('counts every list that a bound on writes caps at that cap, and names the lists of unknown length', async () => {
    const schema = await buildAppSchema();
    const counted: Record<string, number | 'unknown'> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const listed = isNonNullType(field.type) ? field.type.ofType : field.type;
        const countedByPage = isPaged(field) || isPageItems(type, field);
        if (!isListType(listed) || !isCompositeType(getNamedType(field.type)) || countedByPage) continue;
        counted[`${type.name}.${field.name}`] = listSizeOf(field) ?? 'unknown';
      }
    }
    const capped = MAX_WRITTEN_LIST;
    expect(counted).toEqual({
      'Candidate.skills': capped,
      'CandidateMatch.skills': capped,
      'Course.prerequisites': capped,
      'Course.skills': capped,
      'CourseRecommendation.covers': capped,
      'JobPosting.skills': capped,
      'LearningPath.coveredSkills': capped,
      'LearningPath.uncoveredSkills': capped,
      'LearningStep.adds': capped,
      'PostingMatch.skills': capped,
      'SkillGap.met': capped,
      'SkillGap.missing': capped,
      'SkillGap.short': capped,
      'SkillsFromText.skills': capped,
      // Not capped by a bound on writes: the cost model guesses 10 items.
      'ExtractedSkill.mentions': 'unknown',
      'ImportRecordsPayload.errors': 'unknown',
      'ImportRecordsPayload.extractions': 'unknown',
      'LearningPath.steps': 'unknown',
      'LearningPath.unmetPrerequisites': 'unknown',
      'ProposedSkill.mentions': 'unknown',
      'Skill.externalIds': 'unknown',
      'SkillExtraction.skills': 'unknown',
    });
  });
});
