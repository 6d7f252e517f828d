import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { PayloadMutation } from '../common/payload';
import { Role } from '../access/role';
import { CandidateService } from '../candidate/candidate.service';
import { NotFoundError } from '../errors';
import { RequestContext } from '../request';
import { DEFAULT_PROPOSED_LEVEL, ExtractionService, MAX_PROPOSED_SKILLS } from './extraction.service';
import {
  ExtractSkillsArgs,
  SetMySkillsFromTextInput,
  SetMySkillsFromTextPayload,
  SkillExtraction,
} from './extraction.types';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'loaders'>;

@Resolver(() => SkillExtraction)
export class ExtractionResolver {
  constructor(
    private readonly extraction: ExtractionService,
    private readonly candidates: CandidateService,
  ) {}

  @Query(() => SkillExtraction, {
    description:
      'Reads the skills a text names (a posting, a CV): where, how surely, and whether and how well it asks for them.',
  })
  extractSkills(@Args() { text }: ExtractSkillsArgs) {
    return this.extraction.extract(text);
  }

  @Authorized(Role.LEARNER)
  @PayloadMutation(() => SetMySkillsFromTextPayload, {
    description:
      "Reads a learner's skills from their text (a CV) and, unless dryRun, makes them the profile's skills as one set.",
  })
  async setMySkillsFromText(
    @Arg('input', { description: 'The text, and whether to save what it names.' })
    { text, dryRun }: SetMySkillsFromTextInput,
    @Ctx() { viewer, loaders }: Context,
  ): Promise<Omit<SetMySkillsFromTextPayload, 'userErrors'>> {
    const { skills, taxonomyVersion } = await this.extraction.extract(text);
    const proposed = [...skills]
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, MAX_PROPOSED_SKILLS)
      .map((s) => ({ ...s, level: s.level ?? DEFAULT_PROPOSED_LEVEL }));
    if (viewer!.candidateId === null) throw new NotFoundError('Candidate', 'of this account');
    const candidate = dryRun
      ? (await loaders.candidateById.load(viewer!.candidateId))!
      : await this.candidates.setSkills(
          viewer!,
          proposed.map((s) => ({ skill: s.skill.slug, level: s.level })),
          loaders,
        );
    return { skills: proposed, saved: !dryRun, candidate, taxonomyVersion };
  }
}
