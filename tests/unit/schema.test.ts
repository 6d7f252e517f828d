import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { isPageItems, isPaged } from '../../src/common/connection';
import { listSizeOf, MAX_WRITTEN_LIST } from '../../src/common/input-bounds';
import { MAX_USER_ERRORS } from '../../src/common/payload';
import { MAX_NODE_IDS } from '../../src/node/node.resolver';
import { buildAppSchema, renderSchema } from '../../src/schema';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(renderSchema(await buildAppSchema())).toBe(committed);
  });
});

describe('names in the schema', () => {
  it('lists enum values in the order they are declared, as introspection does', async () => {
    const schema = await buildAppSchema();
    const committed = renderSchema(schema);
    expect(committed).toContain('enum Seniority {\n  JUNIOR\n  MID\n  SENIOR\n  LEAD\n}');
    const seniority = schema.getType('Seniority');
    expect(isEnumType(seniority) && seniority.getValues().map((v) => v.name)).toEqual([
      'JUNIOR',
      'MID',
      'SENIOR',
      'LEAD',
    ]);
  });

  it('calls its date-time scalar DateTime, written as ISO 8601 at UTC', async () => {
    const schema = await buildAppSchema();
    expect(schema.getType('DateTimeISO')).toBeUndefined();
    const scalar = schema.getType('DateTime');
    expect(isScalarType(scalar) && scalar.serialize(new Date(Date.UTC(2026, 2, 1, 9, 30)))).toBe(
      '2026-03-01T09:30:00.000Z',
    );
  });
});

describe('lists of objects, as the cost model counts them', () => {
  it('counts every list that a bound on writes caps at that cap, and names the lists of unknown length', async () => {
    const schema = await buildAppSchema();
    const counted: Record<string, number | 'unknown'> = {};
    const userErrors: Record<string, number | 'unknown'> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const listed = isNonNullType(field.type) ? field.type.ofType : field.type;
        const countedByPage = isPaged(field) || isPageItems(type, field);
        if (!isListType(listed) || !isCompositeType(getNamedType(field.type)) || countedByPage) continue;
        // Every payload's userErrors, capped where they are made (src/common/payload.ts).
        const into = field.name === 'userErrors' ? userErrors : counted;
        into[`${type.name}.${field.name}`] = listSizeOf(field) ?? 'unknown';
      }
    }
    expect(Object.keys(userErrors).length).toBeGreaterThan(0);
    expect(new Set(Object.values(userErrors))).toEqual(new Set([MAX_USER_ERRORS]));
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
      'SetMySkillsFromTextPayload.skills': capped,
      // Capped by the bound on its argument: at most 100 ids.
      'Query.nodes': MAX_NODE_IDS,
      // Not capped by a bound on writes: the cost model guesses 10 items.
      'ExtractedSkill.mentions': 'unknown',
      'ImportRecordsReport.errors': 'unknown',
      'ImportRecordsReport.extractions': 'unknown',
      'LearningPath.steps': 'unknown',
      'LearningPath.unmetPrerequisites': 'unknown',
      'ProposedSkill.mentions': 'unknown',
      'Skill.externalIds': 'unknown',
      'SkillExtraction.skills': 'unknown',
    });
  });
});
