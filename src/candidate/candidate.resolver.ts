import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../access/role';
import { canSeeCandidate, requireViewer } from '../access/policy';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { PayloadMutation } from '../common/payload';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { RequestContext } from '../request';
import { Skill } from '../skill/skill.entity';
import { Candidate, CandidateSkill } from './candidate.entity';
import { CandidatesArgs, SetMySkillsInput, UpdateMyProfileInput } from './candidate.inputs';
import { SetMySkillsPayload, UpdateMyProfilePayload } from './candidate.types';
import { CandidateService } from './candidate.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'loaders'>;

@ObjectType({ description: 'A page of candidates.', simpleResolvers: true })
export class CandidateConnection extends ConnectionType(Candidate) {}

@Resolver(() => Candidate)
export class CandidateResolver {
  constructor(private readonly candidateService: CandidateService) {}

  @Query(() => CandidateConnection, {
    description:
      'Candidates the caller may see: admins all, recruiters those open to work, learners themselves.',
  })
  candidates(@Args() { filter, ...paging }: CandidatesArgs, @Ctx() { viewer }: Context) {
    return this.candidateService.list(filter, paging, viewer);
  }

  @Query(() => Candidate, {
    nullable: true,
    description: 'Null when there is no such candidate the caller may see.',
  })
  async candidate(
    @Arg('id', () => ID, { description: "The profile's id, as `Candidate.id` gives it." }) id: string,
    @Ctx() { loaders, viewer }: Context,
  ) {
    const candidate = await loaders.candidateById.load(parseId(id, 'Candidate', 'id'));
    requireViewer(viewer);
    return candidate && canSeeCandidate(viewer, candidate) ? candidate : null;
  }

  @Authorized(Role.LEARNER)
  @PayloadMutation(() => UpdateMyProfilePayload, {
    description: "Changes the signed-in learner's own profile.",
  })
  async updateMyProfile(
    @Arg('input', { description: 'The profile fields to change.' }) input: UpdateMyProfileInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { candidate: await this.candidateService.updateProfile(viewer!, input, loaders) };
  }

  @Authorized(Role.LEARNER)
  @PayloadMutation(() => SetMySkillsPayload, {
    description: "Replaces the signed-in learner's skills as one set.",
  })
  async setMySkills(
    @Arg('input', { description: "The learner's whole set of skills." }) { skills }: SetMySkillsInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { candidate: await this.candidateService.setSkills(viewer!, skills, loaders) };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Contact address: shown to the candidate, to recruiters (for candidates open to work) and admins.',
  })
  email(@Root() candidate: Candidate, @Ctx() { viewer }: Context): string | null {
    return canSeeCandidate(viewer, candidate) ? candidate.email : null;
  }

  @FieldResolver(() => [CandidateSkill], { description: 'Skills held, strongest first.' })
  @ListSize(MAX_WRITTEN_LIST)
  skills(@Root() candidate: Candidate, @Ctx() { loaders }: Context) {
    return loaders.candidateSkillsByCandidateId.load(candidate.id);
  }
}

@Resolver(() => CandidateSkill)
export class CandidateSkillResolver {
  @FieldResolver(() => Skill, { description: 'The skill held.' })
  skill(@Root() candidateSkill: CandidateSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(candidateSkill.skillId);
  }
}
