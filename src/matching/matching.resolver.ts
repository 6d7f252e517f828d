import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../request';
import { CandidateMatchesArgs, PostingMatchesArgs } from './matching.inputs';
import { CandidateMatchConnection, PostingMatchConnection, SkillGap } from './matching.types';
import { MatchingService } from './matching.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'loaders'>;

@Resolver()
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Query(() => CandidateMatchConnection, {
    description:
      'Candidates who fit a posting best, ranked by score (ties by id), each with the reason for the score.',
  })
  candidateMatches(@Args() args: CandidateMatchesArgs, @Ctx() { loaders, viewer }: Context) {
    return this.matching.candidateMatches(args, { loaders, viewer });
  }

  @Query(() => PostingMatchConnection, {
    description: 'Open postings ranked for one candidate, with the reason for each score.',
  })
  postingMatches(@Args() args: PostingMatchesArgs, @Ctx() { loaders, viewer }: Context) {
    return this.matching.postingMatches(args, { loaders, viewer });
  }

  @Query(() => SkillGap, {
    description: "What a candidate meets, falls short of and misses of a posting's skills.",
  })
  skillGap(
    @Arg('postingId', () => ID, { description: "The posting's id, as `JobPosting.id` gives it." })
    postingId: string,
    @Arg('candidateId', () => ID, { description: "The profile's id, as `Candidate.id` gives it." })
    candidateId: string,
    @Ctx() { loaders, viewer }: Context,
  ) {
    return this.matching.skillGap(postingId, candidateId, { loaders, viewer });
  }
}
