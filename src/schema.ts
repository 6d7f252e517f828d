import { GraphQLSchema, isEnumType, lexicographicSortSchema, printSchema, printType } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './access/auth-checker';
import { DateTimeScalar } from './common/date-time';
import { AccountResolver } from './account/account.resolver';
import { UserResolver } from './account/user.resolver';
import { CandidateResolver, CandidateSkillResolver } from './candidate/candidate.resolver';
import { CourseResolver, CourseSkillResolver } from './course/course.resolver';
import { ImportResolver } from './import/import.resolver';
import { NodeResolver } from './node/node.resolver';
import {
  CourseRecommendationResolver,
  LearningPathResolver,
  LearningResolver,
  LearningStepResolver,
  SkillCoverageResolver,
} from './learning/learning.resolver';
import {
  CandidateMatchResolver,
  MatchingResolver,
  PostingMatchResolver,
  SkillMatchResolver,
} from './matching/matching.resolver';
import { CompanyResolver, JobPostingResolver, PostingSkillResolver } from './posting/posting.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { ExtractionResolver } from './taxonomy/extraction.resolver';

export const resolvers = [
  AccountResolver,
  UserResolver,
  SkillResolver,
  JobPostingResolver,
  PostingSkillResolver,
  CompanyResolver,
  CandidateResolver,
  CandidateSkillResolver,
  CourseResolver,
  CourseSkillResolver,
  MatchingResolver,
  CandidateMatchResolver,
  PostingMatchResolver,
  SkillMatchResolver,
  LearningResolver,
  CourseRecommendationResolver,
  LearningStepResolver,
  SkillCoverageResolver,
  LearningPathResolver,
  ExtractionResolver,
  ImportResolver,
  NodeResolver,
] as const;

// Every object type sets `simpleResolvers`: its plain property fields are read by graphql's
// default resolver, without type-graphql's per-field middleware and auth stack, which
// cost a measurable share of CPU on ranked lists of hundreds of fields. Access rules live
// in resolver methods (@Authorized, field resolvers such as Candidate.email), which
// `simpleResolvers` does not touch.
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    // Inputs are checked once, here at the edge, by their class-validator bounds.
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  // type-graphql builds the root types itself and takes no description for them.
  schema.getQueryType()!.description = 'Every read: start here to look up, list, rank and explain.';
  schema.getMutationType()!.description =
    'Every write. Each takes one `input` and answers a payload: the objects written, and `userErrors` ' +
    'saying what the caller can fix, in which case nothing was written. Sign-in and permission failures ' +
    'are top-level errors with `extensions.code`.';
  return schema;
}

/**
 * The SDL committed as schema/schema.graphql: types, fields and arguments sorted so that it
 * diffs well, but enum values in the order they are declared, which is their meaning
 * (JUNIOR, MID, SENIOR, LEAD), as introspection lists them.
 */
export function renderSchema(schema: GraphQLSchema): string {
  let sdl = printSchema(lexicographicSortSchema(schema));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const sorted = printType(
      lexicographicSortSchema(new GraphQLSchema({ types: [type] })).getType(type.name)!,
    );
    sdl = sdl.replace(sorted, printType(type));
  }
  return '# Generated from the code by `npm run schema:emit`; do not edit by hand.\n\n' + sdl + '\n';
}
