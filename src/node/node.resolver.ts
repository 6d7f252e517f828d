import { ArrayMaxSize } from 'class-validator';
import { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { canSeeCandidate, canSeePosting } from '../access/policy';
import { AccountLoaders } from '../account/account.loaders';
import { globalId, NodeKey, NodeType, parseAnyId } from '../common/id';
import { ListSize } from '../common/input-bounds';
import { Node } from '../common/node';
import { RequestContext } from '../request';

/** Most ids one `nodes` call may ask for. */
export const MAX_NODE_IDS = 100;

/** What this module's resolvers read of a request: the domains' loaders and the accounts'. */
type Context = RequestContext & { accountLoaders: AccountLoaders };

@ArgsType()
class NodesArgs {
  @Field(() => [ID], { description: `Global ids of any types, at most ${MAX_NODE_IDS}.` })
  @ArrayMaxSize(MAX_NODE_IDS, { message: `ids holds at most ${MAX_NODE_IDS} ids` })
  ids: string[];
}

/**
 * Any object by its global id, through the request's loaders (one statement per type for
 * any number of ids), and only when the caller may see it by the same rules as the type's
 * own query: otherwise, as for an id that names nothing, null.
 */
@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID)
  id(@Root() object: { id: number }, @Info() info: GraphQLResolveInfo): string {
    // Every implementing type is named as in NODE_TYPES (src/common/id.ts).
    return globalId(info.parentType.name as NodeType, object.id);
  }

  @Query(() => Node, {
    nullable: true,
    description: 'The object this id names; null when there is none the caller may see.',
  })
  node(
    @Arg('id', () => ID, { description: 'A global id, as any object of the API gives it.' }) id: string,
    @Ctx() context: Context,
  ) {
    return visibleNode(context, parseAnyId(id, 'id'));
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      'The objects these ids name, in the order of the ids; null for each that names none the caller may see.',
  })
  @ListSize(MAX_NODE_IDS)
  nodes(@Args() { ids }: NodesArgs, @Ctx() context: Context) {
    // Every id is checked before anything is read: one malformed id refuses the whole call.
    const keys = ids.map((id, index) => parseAnyId(id, `ids[${index}]`));
    return Promise.all(keys.map((key) => visibleNode(context, key)));
  }
}

/** Loads issued in one tick share a batch, so `nodes` of any mix costs one statement per type. */
async function visibleNode({ loaders, accountLoaders, viewer }: Context, { type, key }: NodeKey) {
  switch (type) {
    case 'JobPosting': {
      const posting = await loaders.postingById.load(key);
      return posting && canSeePosting(viewer, posting) ? posting : null;
    }
    case 'Candidate': {
      // Anonymous callers see no candidate: null here, where `candidate(id:)` says UNAUTHENTICATED.
      const candidate = await loaders.candidateById.load(key);
      return candidate && canSeeCandidate(viewer, candidate) ? candidate : null;
    }
    case 'User':
      // An account is seen by its owner only (`me`): another's id costs no statement.
      return viewer?.userId === key ? accountLoaders.userById.load(key) : null;
    case 'Company':
      return loaders.companyById.load(key);
    case 'Course':
      return loaders.courseById.load(key);
    case 'Skill':
      return loaders.skillById.load(key);
  }
}
