import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ResolverContext } from '../request';
import { User } from './account.entity';
import { Role } from '../access/role';
import { SignUpInput } from './account.inputs';
import { AccountService } from './account.service';
import { AuthPayload } from './account.types';
import { AuthRateLimiter } from './rate-limit';

/** What this module's resolvers read of a request. */
type Context = ResolverContext<{ accounts: AccountService; authRateLimiter: AuthRateLimiter }>;

@Resolver(() => User)
export class AccountResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a RECRUITER or LEARNER account and signs it in.' })
  async signUp(@Arg('input') input: SignUpInput, @Ctx() { services, ip }: Context) {
    await services.authRateLimiter.attempt(ip, input.email);
    return services.accounts.signUp(input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in and opens a new session; each session ends with its own logOut or expiry.',
  })
  async logIn(
    @Arg('email', { description: 'Compared after trimming, NFKC and lower-casing.' }) email: string,
    @Arg('password') password: string,
    @Ctx() { services, ip }: Context,
  ) {
    await services.authRateLimiter.attempt(ip, email);
    return services.accounts.logIn(email, password);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Ends the caller's session: its token is refused from then on (TOKEN_REVOKED). Other tokens of the account stay valid.",
  })
  logOut(@Ctx() { services, viewer }: Context) {
    return services.accounts.logOut(viewer!);
  }

  @Query(() => User, { nullable: true, description: 'The signed-in account; null when anonymous.' })
  me(@Ctx() { services, viewer }: Context) {
    return viewer ? services.accounts.me(viewer) : null;
  }

  @Authorized(Role.RECRUITER)
  @Mutation(() => String, {
    description: "A one-time code a colleague redeems at sign-up to join the caller's company.",
  })
  createCompanyInvite(@Ctx() { services, viewer }: Context) {
    return services.accounts.createCompanyInvite(viewer!);
  }
}
