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
import { canSeePosting, ownsPosting } from '../access/policy';
import { ConnectionArgs, ConnectionType } from '../common/connection';
import { parseId } from '../common/id';
import { PayloadMutation } from '../common/payload';
import { ListSize, MAX_WRITTEN_LIST } from '../common/input-bounds';
import { RequestContext } from '../request';
import { Skill } from '../skill/skill.entity';
import { Company, JobPosting, PostingSkill } from './posting.entity';
import {
  CloseJobPostingInput,
  CreateJobPostingInput,
  JobPostingsArgs,
  SetPostingSkillsInput,
  UpdateJobPostingInput,
} from './posting.inputs';
import {
  CloseJobPostingPayload,
  CreateJobPostingPayload,
  SetPostingSkillsPayload,
  UpdateJobPostingPayload,
} from './posting.types';
import { PostingService } from './posting.service';
import { OpenPostings } from '../matching/open-postings';
import { Money, money } from '../common/money';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'loaders'>;

@ObjectType({ description: 'A page of job postings.', simpleResolvers: true })
export class JobPostingConnection extends ConnectionType(JobPosting) {}

@Resolver(() => JobPosting)
export class JobPostingResolver {
  constructor(
    private readonly postings: PostingService,
    private readonly openPostings: OpenPostings,
  ) {}

  @Query(() => JobPostingConnection, {
    description: 'Job postings, newest first; only OPEN ones unless filtered.',
  })
  async jobPostings(@Args() { filter, ...paging }: JobPostingsArgs, @Ctx() { viewer, loaders }: Context) {
    // The process holds every open posting's skills. Checking they are current goes out
    // with the page, so the skills of a page of open postings need no second round trip,
    // which under load waits its turn behind every other request.
    const [connection, open] = await Promise.all([
      this.postings.list(filter, paging, viewer),
      this.openPostings.current(),
    ]);
    for (const { node } of connection.edges) {
      if (open.postings.has(node.id))
        loaders.postingSkillsByPostingId.prime(node.id, [...(open.skills.get(node.id) ?? [])]);
    }
    return connection;
  }

  @Query(() => JobPosting, {
    nullable: true,
    description: 'Null for an unknown posting, or a closed one of another company.',
  })
  async jobPosting(
    @Arg('id', () => ID, { description: "The posting's id, as `JobPosting.id` gives it." }) id: string,
    @Ctx() { loaders, viewer }: Context,
  ) {
    const posting = await loaders.postingById.load(parseId(id, 'JobPosting', 'id'));
    return posting && canSeePosting(viewer, posting) ? posting : null;
  }

  @Authorized(Role.RECRUITER)
  @PayloadMutation(() => CreateJobPostingPayload, {
    description: "Publishes an OPEN posting for the recruiter's company.",
  })
  async createJobPosting(
    @Arg('input', { description: 'The posting to publish.' }) input: CreateJobPostingInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { jobPosting: await this.postings.create(input, { viewer, loaders }) };
  }

  @Authorized(Role.RECRUITER, Role.ADMIN)
  @PayloadMutation(() => UpdateJobPostingPayload, {
    description: "Changes a posting's fields: those given, and only those.",
  })
  async updateJobPosting(
    @Arg('input', { description: 'The posting, and the fields to change.' }) input: UpdateJobPostingInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { jobPosting: await this.postings.update(input, { viewer, loaders }) };
  }

  @Authorized(Role.RECRUITER, Role.ADMIN)
  @PayloadMutation(() => CloseJobPostingPayload, {
    description: 'Closes a posting: it leaves public lists and candidate matching.',
  })
  async closeJobPosting(
    @Arg('input', { description: 'The posting to close.' }) input: CloseJobPostingInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { jobPosting: await this.postings.close(input, { viewer, loaders }) };
  }

  @Authorized(Role.RECRUITER, Role.ADMIN)
  @PayloadMutation(() => SetPostingSkillsPayload, {
    description: "Replaces the posting's skills as one set.",
  })
  async setPostingSkills(
    @Arg('input', { description: 'The posting, and its whole set of skills.' }) input: SetPostingSkillsInput,
    @Ctx() { viewer, loaders }: Context,
  ) {
    return { jobPosting: await this.postings.setSkills(input, { viewer, loaders }) };
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Lower end of the yearly salary range; null when not given.',
  })
  salaryMin(@Root() posting: JobPosting): Money | null {
    return money(posting.salaryMin, posting.salaryCurrency);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Upper end of the yearly salary range; null when not given.',
  })
  salaryMax(@Root() posting: JobPosting): Money | null {
    return money(posting.salaryMax, posting.salaryCurrency);
  }

  @FieldResolver(() => Company, { description: 'The company hiring.' })
  async company(@Root() posting: JobPosting, @Ctx() { loaders }: Context) {
    return loaders.companyById.load(posting.companyId);
  }

  @FieldResolver(() => [PostingSkill], { description: 'Skills asked for, REQUIRED first, then by weight.' })
  @ListSize(MAX_WRITTEN_LIST)
  skills(@Root() posting: JobPosting, @Ctx() { loaders }: Context) {
    return loaders.postingSkillsByPostingId.load(posting.id);
  }
}

@Resolver(() => PostingSkill)
export class PostingSkillResolver {
  @FieldResolver(() => Skill, { description: 'The skill asked for.' })
  skill(@Root() postingSkill: PostingSkill, @Ctx() { loaders }: Context) {
    return loaders.skillById.load(postingSkill.skillId);
  }
}

@Resolver(() => Company)
export class CompanyResolver {
  @FieldResolver(() => JobPostingConnection, {
    description: "The company's postings, newest first: open ones, and closed ones for its own recruiters.",
  })
  postings(@Root() company: Company, @Args() paging: ConnectionArgs, @Ctx() { loaders, viewer }: Context) {
    const scope = ownsPosting(viewer, { companyId: company.id }) ? 'all' : 'open';
    return loaders.postingsByCompanyId.connection(company.id, paging, scope, (ids) =>
      loaders.postingById.loadMany(ids),
    );
  }
}
