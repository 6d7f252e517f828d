import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Candidate } from '../candidate/candidate.entity';
import { ResolverContext } from '../request';
import { Company } from '../posting/posting.entity';
import { User } from './account.entity';
import { AccountService } from './account.service';

type Context = ResolverContext<{ accounts: AccountService }>;

/** What a signed-in account is linked to, so a client needs no second lookup to find it. */
@Resolver(() => User)
export class UserResolver {
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
  demoDataLoaded(@Ctx() { services }: Context) {
    return services.accounts.demoAccountsExist();
  }
}
