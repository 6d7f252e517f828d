import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../request';
import { User } from './account.entity';
import { Role } from '../access/role';
import { PayloadMutation } from '../common/payload';
import { LogInInput, SignUpInput } from './account.inputs';
import { AccountService } from './account.service';
import { CreateCompanyInvitePayload, LogInPayload, LogOutPayload, SignUpPayload } from './account.types';
import { AuthRateLimiter } from './rate-limit';

/** What this module's resolvers read of a request. */
type Context = Pick<RequestContext, 'viewer' | 'ip'>;

@Resolver(() => User)
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly authRateLimiter: AuthRateLimiter,
  ) {}

  @PayloadMutation(() => SignUpPayload, {
    description:
      'Creates a RECRUITER or LEARNER account and signs it in. A taken e-mail address or company, ' +
      'or an unknown invitation code, is a user error.',
  })
  async signUp(
    @Arg('input', { description: 'The new account.' }) input: SignUpInput,
    @Ctx() { ip }: Context,
  ) {
    await this.authRateLimiter.attempt(ip, input.email);
    return this.accounts.signUp(input);
  }

  @PayloadMutation(() => LogInPayload, {
    description:
      'Signs in and opens a new session; each session ends with its own logOut or expiry. ' +
      'A wrong e-mail or password is the user error INVALID_CREDENTIALS.',
  })
  async logIn(@Arg('input', { description: 'Who signs in.' }) input: LogInInput, @Ctx() { ip }: Context) {
    await this.authRateLimiter.attempt(ip, input.email);
    return this.accounts.logIn(input.email, input.password);
  }

  @Authorized()
  @PayloadMutation(() => LogOutPayload, {
    description:
      "Ends the caller's session: its token is refused from then on (TOKEN_REVOKED). Other tokens of the account stay valid.",
  })
  async logOut(@Ctx() { viewer }: Context) {
    await this.accounts.logOut(viewer!);
    return { revoked: true };
  }

  @Query(() => User, { nullable: true, description: 'The signed-in account; null when anonymous.' })
  me(@Ctx() { viewer }: Context) {
    return viewer ? this.accounts.me(viewer) : null;
  }

  @Authorized(Role.RECRUITER)
  @PayloadMutation(() => CreateCompanyInvitePayload, {
    description: "A one-time code a colleague redeems at sign-up to join the caller's company.",
  })
  createCompanyInvite(@Ctx() { viewer }: Context) {
    return this.accounts.createCompanyInvite(viewer!);
  }
}
