import { GraphQLSchema, isEnumType, lexicographicSortSchema, printSchema, printType } from 'graphql';
import { buildSchema, ContainerType } from 'type-graphql';
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
import { MatchingResolver } from './matching/matching.resolver';
import { CompanyResolver, JobPostingResolver, PostingSkillResolver } from './posting/posting.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { ExtractionResolver } from './taxonomy/extraction.resolver';
import { Services } from './context';

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
//
// Given the process's services, resolvers get theirs by constructor (`resolverInstances`);
// without, the schema can be printed and validated against but not executed.
export async function buildAppSchema(services?: Services): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    container: services ? containerOf(resolverInstances(services)) : unexecutable,
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
 * One instance of each resolver class, handed the services it calls. Built once per process
 * like the services: resolvers hold no per-request state; what a request brings (viewer,
 * loaders, address, request id) they read from the context.
 */
export function resolverInstances(services: Services): InstanceType<(typeof resolvers)[number]>[] {
  const { accounts, authRateLimiter, candidates, courses, extraction } = services;
  const { imports, learning, matching, openPostings, postings, skills } = services;
  return [
    new AccountResolver(accounts, authRateLimiter),
    new UserResolver(accounts),
    new SkillResolver(skills, extraction),
    new JobPostingResolver(postings, openPostings),
    new PostingSkillResolver(),
    new CompanyResolver(),
    new CandidateResolver(candidates),
    new CandidateSkillResolver(),
    new CourseResolver(courses),
    new CourseSkillResolver(),
    new MatchingResolver(matching),
    new LearningResolver(learning),
    new CourseRecommendationResolver(),
    new LearningStepResolver(),
    new SkillCoverageResolver(),
    new LearningPathResolver(),
    new ExtractionResolver(extraction, candidates),
    new ImportResolver(imports),
    new NodeResolver(),
  ];
}

/** type-graphql's `container`: the instance of the class a field's resolver is declared on. */
function containerOf(instances: object[]): ContainerType {
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  return {
    get(resolverClass: { name: string }) {
      const instance = byClass.get(resolverClass);
      if (!instance) throw new Error(`No instance of ${resolverClass.name} to resolve with`);
      return instance;
    },
  };
}

/** For a schema built without services: executing it is a mistake, said at once. */
const unexecutable: ContainerType = {
  get(resolverClass: { name: string }) {
    throw new Error(`${resolverClass.name} has no services: build the schema with buildAppSchema(services)`);
  },
};

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
