import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canSeePosting } from '../account/policy';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { Context } from '../context';
import { Skill } from '../skill/skill.entity';
import { Company, JobPosting, PostingSkill } from './posting.entity';
import { JobPostingsArgs } from './posting.inputs';

@ObjectType()
export class JobPostingConnection extends ConnectionType(JobPosting) {}

@Resolver(() => JobPosting)
export class JobPostingResolver {
  @Query(() => JobPostingConnection, {
    description: 'Job postings, newest first; only OPEN ones unless filtered.',
  })
  jobPostings(@Args() { filter, ...paging }: JobPostingsArgs, @Ctx() { services, viewer }: Context) {
    return services.postings.list(filter, paging, viewer);
  }

  @Query(() => JobPosting, {
    nullable: true,
    description: 'Null for an unknown posting, or a closed one of another company.',
  })
  async jobPosting(@Arg('id', () => ID) id: string, @Ctx() { loaders, viewer }: Context) {
    const posting = await loaders.postingById.load(parseId(id));
    return posting && canSeePosting(viewer, posting) ? posting : null;
  }

  @FieldResolver(() => Company)
  async company(@Root() posting: JobPosting, @Ctx() { loaders }: Context) {
    return loaders.companyById.load(posting.companyId);
  }

  @FieldResolver(() => [PostingSkill], { description: 'Skills asked for, REQUIRED first, then by weight.' })
  skills(@Root() posting: JobPosting, @Ctx() { loaders }: Context) {
    return loaders.postingSkillsByPostingId.load(posting.id);
  }
}

@Resolver(() => PostingSkill)
export class PostingSkillResolver {
  @FieldResolver(() => Skill)
  skill(@Root() postingSkill: PostingSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(postingSkill.skillId);
  }
}

@Resolver(() => Company)
export class CompanyResolver {
  @FieldResolver(() => [JobPosting], {
    description: "The company's postings, newest first: open ones, and closed ones for its own recruiters.",
  })
  async postings(@Root() company: Company, @Ctx() { loaders, viewer }: Context) {
    const postings = await loaders.postingsByCompanyId.load(company.id);
    return postings.filter((p) => canSeePosting(viewer, p));
  }
}
