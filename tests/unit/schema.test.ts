import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
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

/**
 * Every schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`)
 * whose description is missing or blank. Introspection types and the built-in scalars are
 * the GraphQL specification's, described there.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('descriptions in the schema', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    expect(undescribed(await buildAppSchema())).toEqual([]);
  });

  it('finds what is left undescribed', () => {
    const schema = buildSchema(`
      "A described query root."
      type Query {
        "Described."
        a(x: Int): Int
        b: Mood
      }
      enum Mood { HAPPY }
    `);
    expect(undescribed(schema)).toEqual(['Mood', 'Mood.HAPPY', 'Query.a(x:)', 'Query.b']);
  });
});

describe('names in the schema', () => {
  it('lists enum values in the order they are declared, as introspection does', async () => {
    const schema = await buildAppSchema();
    const committed = renderSchema(schema);
    const printed = /^enum Seniority \{\n([\s\S]*?)^\}/m.exec(committed)?.[1] ?? '';
    expect(printed.match(/^ {2}[A-Z_]+$/gm)).toEqual(['  JUNIOR', '  MID', '  SENIOR', '  LEAD']);
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
