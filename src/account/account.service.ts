import { randomBytes } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Candidate } from '../candidate/candidate.entity';
import { RemotePolicy } from '../common/remote-policy';
import { BadUserInputError, UnauthenticatedError } from '../errors';
import { Company } from '../posting/posting.entity';
import { CompanyInvite, Role, User } from './account.entity';
import { SignUpInput } from './account.inputs';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { signToken, Viewer } from './token';

export interface AuthSettings {
  jwtSecret: string;
  tokenTtlSeconds: number;
}

export interface AuthPayload {
  token: string;
  user: User;
}

const INVITE_DAYS = 7;

export class AccountService {
  constructor(
    private readonly db: DataSource,
    private readonly auth: AuthSettings,
  ) {}

  /** A recruiter gets their own company (or joins one by invitation); a learner gets an empty profile. */
  async signUp(input: SignUpInput): Promise<AuthPayload> {
    if (input.role === Role.ADMIN) {
      throw new BadUserInputError('Administrators are created from the command line', { field: 'role' });
    }
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    const user = await this.db.transaction(async (tx) => {
      if (await tx.getRepository(User).existsBy({ email })) {
        throw new BadUserInputError('An account with this e-mail already exists', { field: 'email' });
      }
      let companyId: number | null = null;
      let candidateId: number | null = null;
      if (input.role === Role.RECRUITER) {
        companyId = input.inviteCode
          ? await this.redeemInvite(tx.getRepository(CompanyInvite), input.inviteCode)
          : await this.newCompany(tx.getRepository(Company), input.companyName);
      } else {
        const candidate = await tx.getRepository(Candidate).save({
          displayName: input.displayName,
          email,
          headline: '',
          location: '',
          remote: RemotePolicy.REMOTE,
          yearsExperience: 0,
          openToWork: true,
        });
        candidateId = candidate.id;
      }
      return tx.getRepository(User).save({
        email,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        companyId,
        candidateId,
      });
    });
    return { token: await this.tokenFor(user), user };
  }

  /** Unknown e-mail and wrong password get the same answer, after the same work. */
  async logIn(email: string, password: string): Promise<AuthPayload> {
    const user = await this.db.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) throw new UnauthenticatedError('Wrong e-mail or password');
    return { token: await this.tokenFor(user), user };
  }

  me(viewer: Viewer): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id: viewer.userId });
  }

  /** A one-time code, valid for a week, with which a colleague joins the recruiter's company. */
  async createCompanyInvite(viewer: Viewer): Promise<string> {
    const code = randomBytes(18).toString('base64url');
    await this.db.getRepository(CompanyInvite).save({
      code,
      companyId: viewer.companyId!,
      createdById: viewer.userId,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000),
      usedAt: null,
    });
    return code;
  }

  /** Used by the user:create command; the only way to make an administrator. */
  async createUser(email: string, password: string, displayName: string, role: Role): Promise<User> {
    if (password.length < 10) throw new BadUserInputError('The password must be at least 10 characters long');
    return this.db.getRepository(User).save({
      email: email.trim().toLowerCase(),
      passwordHash: await hashPassword(password),
      displayName,
      role,
      companyId: null,
      candidateId: null,
    });
  }

  tokenFor(user: User): Promise<string> {
    return signToken(
      { userId: user.id, role: user.role, companyId: user.companyId, candidateId: user.candidateId },
      this.auth.jwtSecret,
      this.auth.tokenTtlSeconds,
    );
  }

  private async redeemInvite(
    invites: import('typeorm').Repository<CompanyInvite>,
    code: string,
  ): Promise<number> {
    const invite = await invites.findOneBy({ code, usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    if (!invite)
      throw new BadUserInputError('This invitation code is unknown, used or expired', {
        field: 'inviteCode',
      });
    await invites.update(invite.id, { usedAt: new Date() });
    return invite.companyId;
  }

  /** A company name never grants access to an existing company: it must be new. */
  private async newCompany(
    companies: import('typeorm').Repository<Company>,
    name: string | null | undefined,
  ): Promise<number> {
    const trimmed = name?.trim();
    if (!trimmed)
      throw new BadUserInputError('A recruiter needs a company name or an invitation code', {
        field: 'companyName',
      });
    if (await companies.existsBy({ name: trimmed })) {
      throw new BadUserInputError(
        'This company already exists: ask one of its recruiters for an invitation code',
        {
          field: 'companyName',
        },
      );
    }
    return (await companies.save({ name: trimmed })).id;
  }
}
