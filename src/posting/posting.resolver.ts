import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { Context } from '../context';
import { Skill } from '../skill/skill.entity';
import { Company, JobPosting, PostingSkill, PostingStatus } from './posting.entity';
import { JobPostingsArgs } from './posting.inputs';

@ObjectType()
export class JobPostingConnection extends ConnectionType(JobPosting) {}

@Resolver(() => JobPosting)
export class JobPostingResolver {
  @Query(() => JobPostingConnection, {
    description: 'Job postings, newest first; only OPEN ones unless filtered.',
  })
  jobPostings(@Args() { filter, ...paging }: JobPostingsArgs, @Ctx() { services }: Context) {
    return services.postings.list(filter, paging);
  }

  @Query(() => JobPosting, { nullable: true })
  jobPosting(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context) {
    return loaders.postingById.load(parseId(id));
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
  @FieldResolver(() => [JobPosting], { description: "The company's open postings, newest first." })
  async postings(@Root() company: Company, @Ctx() { loaders }: Context) {
    const postings = await loaders.postingsByCompanyId.load(company.id);
    return postings.filter((p) => p.status === PostingStatus.OPEN);
  }
}
