import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Candidate } from '../candidate/candidate.entity';
import { RequestContext } from '../request';
import { Company } from '../posting/posting.entity';
import { User } from './account.entity';
import { AccountService } from './account.service';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'loaders'>;

/** What a signed-in account is linked to, so a client needs no second lookup to find it. */
@Resolver(() => User)
export class UserResolver {
  constructor(private readonly accounts: AccountService) {}

  @FieldResolver(() => Company, { nullable: true, description: "A recruiter's company; null for others." })
  company(@Root() user: User, @Ctx() { loaders }: Context) {
    return user.companyId === null ? null : loaders.companyById.load(user.companyId);
  }

  @FieldResolver(() => Candidate, {
    nullable: true,
    description: "A learner's own candidate profile; null for others.",
  })
  candidate(@Root() user: User, @Ctx() { loaders }: Context) {
    return user.candidateId === null ? null : loaders.candidateById.load(user.candidateId);
  }

  @Query(() => Boolean, {
    description:
      'True when the demo accounts (recruiter@example.com, learner@example.com) exist, so a sign-in page may offer them.',
  })
  demoDataLoaded() {
    return this.accounts.demoAccountsExist();
  }
}
