import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { Context } from '../context';
import { Skill } from '../skill/skill.entity';
import { Candidate, CandidateSkill } from './candidate.entity';
import { CandidatesArgs } from './candidate.inputs';

@ObjectType()
export class CandidateConnection extends ConnectionType(Candidate) {}

@Resolver(() => Candidate)
export class CandidateResolver {
  @Query(() => CandidateConnection)
  candidates(@Args() { filter, ...paging }: CandidatesArgs, @Ctx() { services }: Context) {
    return services.candidates.list(filter, paging);
  }

  @Query(() => Candidate, { nullable: true })
  candidate(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context) {
    return loaders.candidateById.load(parseId(id));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Contact address; null unless the caller may see it (the candidate, recruiters, admins).',
  })
  email(): string | null {
    // Nobody is signed in until accounts exist, so the address stays private.
    return null;
  }

  @FieldResolver(() => [CandidateSkill], { description: 'Skills held, strongest first.' })
  skills(@Root() candidate: Candidate, @Ctx() { loaders }: Context) {
    return loaders.candidateSkillsByCandidateId.load(candidate.id);
  }
}

@Resolver(() => CandidateSkill)
export class CandidateSkillResolver {
  @FieldResolver(() => Skill)
  skill(@Root() candidateSkill: CandidateSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(candidateSkill.skillId);
  }
}
