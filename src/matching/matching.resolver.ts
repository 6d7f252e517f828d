import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../common/id';
import { canSeeCandidate } from '../access/policy';
import { Candidate } from '../candidate/candidate.entity';
import { RequestContext } from '../request';
import { JobPosting } from '../posting/posting.entity';
import { Skill } from '../skill/skill.entity';
import { CandidateMatchesArgs, PostingMatchesArgs } from './matching.inputs';
import {
  CandidateMatch,
  CandidateMatchConnection,
  PostingMatch,
  PostingMatchConnection,
  SkillGap,
  SkillMatch,
} from './matching.types';
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

@Resolver(() => CandidateMatch)
export class CandidateMatchResolver {
  @FieldResolver(() => Candidate, { description: 'The candidate ranked.' })
  async candidate(@Root() match: CandidateMatch, @Ctx() { loaders, viewer }: Context) {
    // The ranking leaves out whom the viewer may not see; this holds should any other path build a match.
    const candidate = await loaders.candidateById.load(match.candidateId);
    if (!candidate || !canSeeCandidate(viewer, candidate)) {
      throw notFound('Candidate', match.candidateId);
    }
    return candidate;
  }
}

@Resolver(() => PostingMatch)
export class PostingMatchResolver {
  @FieldResolver(() => JobPosting, { description: 'The posting ranked.' })
  posting(@Root() match: PostingMatch, @Ctx() { loaders }: Context) {
    return loaders.postingById.load(match.postingId);
  }
}

@Resolver(() => SkillMatch)
export class SkillMatchResolver {
  @FieldResolver(() => Skill, { description: 'The skill the posting asks for.' })
  skill(@Root() match: SkillMatch, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(match.skillId);
  }

  @FieldResolver(() => Skill, {
    nullable: true,
    description: 'The related skill that earned the credit, when not the skill itself.',
  })
  via(@Root() match: SkillMatch, @Ctx() { loaders }: Context) {
    return match.viaSkillId === null ? null : loaders.skillById.load(match.viaSkillId);
  }
}
