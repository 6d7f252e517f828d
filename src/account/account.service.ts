import { randomBytes } from 'node:crypto';
import { validate } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { Candidate } from '../candidate/candidate.entity';
import { RemotePolicy } from '../common/remote-policy';
import { isUniqueViolation, writeTransaction } from '../common/transaction';
import { BadUserInputError } from '../errors';
import { UserErrorCode, UserInputError } from '../common/payload';
import { Company } from '../posting/posting.entity';
import { CompanyInvite, User } from './account.entity';
import { Role } from '../access/role';
import { EMAIL_MAX_LENGTH, SignUpInput } from './account.inputs';
import { Session } from './account.types';
import { normaliseEmail } from './email';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { Sessions } from './sessions';
import { Viewer } from '../access/viewer';

const INVITE_DAYS = 7;

// Refusals name the field and the rule, never the value (the e-mail, the company, the code).
const emailTaken = () =>
  new UserInputError({
    field: ['email'],
    code: UserErrorCode.TAKEN,
    message: 'email: an account with this e-mail address already exists',
  });
const companyTaken = () =>
  new UserInputError({
    field: ['companyName'],
    code: UserErrorCode.TAKEN,
    message: 'companyName: this company already exists; ask one of its recruiters for an invitation code',
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
  async signUp(input: SignUpInput): Promise<Session> {
    if (input.role === Role.ADMIN) {
      throw new UserInputError({
        field: ['role'],
        code: UserErrorCode.INVALID,
        message: 'role: must be RECRUITER or LEARNER; administrators are created from the command line',
      });
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
  async logIn(email: string, password: string): Promise<Session> {
    const normalised = normaliseEmail(email);
    const user =
      normalised.length <= EMAIL_MAX_LENGTH
        ? await this.db.getRepository(User).findOneBy({ email: normalised })
        : null;
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      // The input as a whole: naming either field would say whether the account exists.
      throw new UserInputError({
        field: null,
        code: UserErrorCode.INVALID_CREDENTIALS,
        message: 'Wrong e-mail or password',
      });
    }
    return { token: await this.sessions.open(user), user };
  }

  /** Ends the caller's session: its token is refused from now on. */
  logOut(viewer: Viewer): Promise<void> {
    return this.sessions.revoke(viewer);
  }

  me(viewer: Viewer): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id: viewer.userId });
  }

  /** A one-time code, valid for a week, with which a colleague joins the recruiter's company. */
  async createCompanyInvite(viewer: Viewer): Promise<{ code: string; expiresAt: Date }> {
    const code = randomBytes(18).toString('base64url');
    // Whole seconds: the database keeps no fractions, and the answer says what it keeps.
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + INVITE_DAYS * 24 * 3600) * 1000);
    await this.db.getRepository(CompanyInvite).save({
      code,
      companyId: viewer.companyId!,
      createdById: viewer.userId,
      expiresAt,
      usedAt: null,
    });
    return { code, expiresAt };
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
      // eslint-disable-next-line no-restricted-syntax -- a new row: no earlier version of it shares its stamp
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
      throw new UserInputError({
        field: ['inviteCode'],
        code: UserErrorCode.INVALID_INVITE,
        message: 'inviteCode: the code is unknown, used or expired; ask for a new one',
      });
    }
    return (await tx.findOneByOrFail(CompanyInvite, { code })).companyId;
  }

  /** A company name never grants access to an existing company: it must be new. */
  private async newCompany(tx: EntityManager, name: string | null | undefined): Promise<number> {
    const trimmed = name?.trim();
    if (!trimmed) {
      throw new UserInputError({
        field: ['companyName'],
        code: UserErrorCode.REQUIRED,
        message: 'companyName: a recruiter needs a company name or an invitation code',
      });
    }
    if (await tx.existsBy(Company, { name: trimmed })) throw companyTaken();
    return (await tx.getRepository(Company).save({ name: trimmed })).id;
  }
}
