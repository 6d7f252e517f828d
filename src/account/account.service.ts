import { randomBytes } from 'node:crypto';
import { validate } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { Candidate } from '../candidate/candidate.entity';
import { RemotePolicy } from '../common/remote-policy';
import { isUniqueViolation, writeTransaction } from '../common/transaction';
import { BadUserInputError, UnauthenticatedError } from '../errors';
import { Company } from '../posting/posting.entity';
import { CompanyInvite, User } from './account.entity';
import { Role } from '../access/role';
import { SignUpInput } from './account.inputs';
import { AuthPayload } from './account.types';
import { normaliseEmail } from './email';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { Sessions } from './sessions';
import { Viewer } from '../access/viewer';

const INVITE_DAYS = 7;
const EMAIL_MAX_LENGTH = 254;

const emailTaken = () =>
  new BadUserInputError('An account with this e-mail already exists', { field: 'email' });
const companyTaken = () =>
  new BadUserInputError('This company already exists: ask one of its recruiters for an invitation code', {
    field: 'companyName',
  });

export class AccountService {
  /**
   * @param demoEmails the demo data's sign-ins (seeds/demo), handed in by whoever knows the
   * demo data: the service answers whether they exist without depending on seed files.
   */
  constructor(
    private readonly db: DataSource,
    readonly sessions: Sessions,
    private readonly demoEmails: readonly string[] = [],
  ) {}

  /** A recruiter gets their own company (or joins one by invitation); a learner gets an empty profile. */
  async signUp(input: SignUpInput): Promise<AuthPayload> {
    if (input.role === Role.ADMIN) {
      throw new BadUserInputError('Administrators are created from the command line', { field: 'role' });
    }
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    let user: User;
    try {
      user = await writeTransaction(this.db, (tx) => this.createAccount(tx, input, email, passwordHash));
    } catch (error) {
      // Two sign-ups that passed their checks together: the unique index decides, and the
      // loser is told what the winner took.
      if (isUniqueViolation(error)) throw await this.conflictOf(error, email, input);
      throw error;
    }
    return { token: await this.sessions.open(user), user };
  }

  /**
   * Used by the user:create command, the only way to make an administrator. A learner gets a
   * profile and a recruiter a new company (`companyName`), as at sign-up.
   */
  async createUser(input: SignUpInput): Promise<User> {
    const refused = (await validate(Object.assign(new SignUpInput(), input))).find(
      (e) => e.property !== 'role',
    );
    if (refused) {
      const rule = Object.values(refused.constraints ?? {})[0] ?? `${refused.property} is not valid`;
      throw new BadUserInputError(rule, { field: refused.property });
    }
    const email = normaliseEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    try {
      return await writeTransaction(this.db, (tx) => this.createAccount(tx, input, email, passwordHash));
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.conflictOf(error, email, input);
      throw error;
    }
  }

  /** Unknown e-mail and wrong password get the same answer, after the same work. */
  async logIn(email: string, password: string): Promise<AuthPayload> {
    const normalised = normaliseEmail(email);
    const user =
      normalised.length <= EMAIL_MAX_LENGTH
        ? await this.db.getRepository(User).findOneBy({ email: normalised })
        : null;
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) throw new UnauthenticatedError('Wrong e-mail or password');
    return { token: await this.sessions.open(user), user };
  }

  /** Ends the caller's session: its token is refused from now on. */
  async logOut(viewer: Viewer): Promise<boolean> {
    await this.sessions.revoke(viewer);
    return true;
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

  private async createAccount(
    tx: EntityManager,
    input: SignUpInput,
    email: string,
    passwordHash: string,
  ): Promise<User> {
    if (await tx.existsBy(User, { email })) throw emailTaken();
    let companyId: number | null = null;
    let candidateId: number | null = null;
    if (input.role === Role.RECRUITER) {
      companyId = input.inviteCode
        ? await this.redeemInvite(tx, input.inviteCode)
        : await this.newCompany(tx, input.companyName);
    } else if (input.role === Role.LEARNER) {
      // Always a profile of the learner's own, even when another profile (one without an
      // account) has this e-mail: taking that one over would hand a stranger's profile to
      // whoever signs up with its address, and refusing would tell them it exists.
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
  }

  /** What a unique violation during sign-up meant, read after the other sign-up committed (on the primary: this is a mutation). */
  private async conflictOf(error: unknown, email: string, input: SignUpInput): Promise<unknown> {
    if (await this.db.getRepository(User).existsBy({ email })) return emailTaken();
    if (input.role === Role.RECRUITER && !input.inviteCode) return companyTaken();
    return error;
  }

  /** Whether the demo data's accounts are here; their passwords are public (seeds/demo). */
  async demoAccountsExist(): Promise<boolean> {
    if (this.demoEmails.length === 0) return false;
    return this.db.getRepository(User).existsBy({ email: In([...this.demoEmails]) });
  }

  /**
   * Marks the code used in the same statement that checks it is unused and unexpired:
   * of two sign-ups with one code, the second waits for the first's row lock, then finds
   * the code used and changes nothing.
   */
  private async redeemInvite(tx: EntityManager, code: string): Promise<number> {
    const now = new Date();
    const { affected } = await tx
      .createQueryBuilder()
      .update(CompanyInvite)
      .set({ usedAt: now })
      .where('code = :code AND usedAt IS NULL AND expiresAt > :now', { code, now })
      .execute();
    if (affected !== 1) {
      throw new BadUserInputError('This invitation code is unknown, used or expired', {
        field: 'inviteCode',
      });
    }
    return (await tx.findOneByOrFail(CompanyInvite, { code })).companyId;
  }

  /** A company name never grants access to an existing company: it must be new. */
  private async newCompany(tx: EntityManager, name: string | null | undefined): Promise<number> {
    const trimmed = name?.trim();
    if (!trimmed)
      throw new BadUserInputError('A recruiter needs a company name or an invitation code', {
        field: 'companyName',
      });
    if (await tx.existsBy(Company, { name: trimmed })) throw companyTaken();
    return (await tx.getRepository(Company).save({ name: trimmed })).id;
  }
}
