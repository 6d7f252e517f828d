import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../access/role';
import { CandidateService } from '../candidate/candidate.service';
import { NotFoundError } from '../errors';
import { ResolverContext } from '../request';
import { DEFAULT_PROPOSED_LEVEL, ExtractionService, MAX_PROPOSED_SKILLS } from './extraction.service';
import { ExtractSkillsArgs, SkillExtraction, SkillsFromText, SkillsFromTextArgs } from './extraction.types';

/** What this module's resolvers read of a request. */
type Context = ResolverContext<{ extraction: ExtractionService; candidates: CandidateService }>;

@Resolver(() => SkillExtraction)
export class ExtractionResolver {
  @Query(() => SkillExtraction, {
    description:
      'Reads the skills a text names (a posting, a CV): where, how surely, and whether and how well it asks for them.',
  })
  extractSkills(@Args() { text }: ExtractSkillsArgs, @Ctx() { services }: Context) {
    return services.extraction.extract(text);
  }

  @Authorized(Role.LEARNER)
  @Mutation(() => SkillsFromText, {
    description:
      "Reads a learner's skills from their text (a CV) and, unless dryRun, makes them the profile's skills as one set.",
  })
  async setMySkillsFromText(
    @Args() { text, dryRun }: SkillsFromTextArgs,
    @Ctx() { services, viewer, loaders }: Context,
  ): Promise<SkillsFromText> {
    const { skills, taxonomyVersion } = await services.extraction.extract(text);
    const proposed = [...skills]
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, MAX_PROPOSED_SKILLS)
      .map((s) => ({ ...s, level: s.level ?? DEFAULT_PROPOSED_LEVEL }));
    loaders.candidateSkillsByCandidateId.clearAll();
    loaders.candidateById.clearAll();
    if (viewer!.candidateId === null) throw new NotFoundError('Candidate', 'of this account');
    const candidate = dryRun
      ? (await loaders.candidateById.load(viewer!.candidateId))!
      : await services.candidates.setSkills(
          viewer!,
          proposed.map((s) => ({ skill: s.skill.slug, level: s.level })),
        );
    return { skills: proposed, saved: !dryRun, candidate, taxonomyVersion };
  }
}
