import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Node } from '../common/node';
import { Role } from '../access/role';
import { Candidate } from '../candidate/candidate.entity';
import { Company } from '../posting/posting.entity';

@ObjectType({ description: 'A signed-in account.', implements: Node, simpleResolvers: true })
@Entity('user_account')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /**
   * Normalised by `normaliseEmail` and compared byte for byte: under a case- and
   * accent-insensitive collation, spellings that are different limiter keys would be one account.
   */
  @Field({ description: "The account's email address, lower case; the one it signs in with." })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254, collation: 'utf8mb4_bin' })
  email: string;

  /** scrypt hash with its parameters and salt; never exposed. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field({ description: 'The name shown to others, 1 to 120 characters.' })
  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Field(() => Role, { description: 'What the account may do.' })
  @Column({ type: 'varchar', length: 10 })
  role: Role;

  /** A recruiter's company. */
  @Index()
  @Column({ type: 'int', nullable: true })
  companyId: number | null;

  @ManyToOne(() => Company, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'companyId' })
  company?: Company | null;

  /** A learner's own candidate profile. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  candidateId: number | null;

  @ManyToOne(() => Candidate, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'candidateId' })
  candidate?: Candidate | null;

  @Field({ description: 'When the account was created.' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A one-time code with which a colleague joins a recruiter's company at sign-up. */
@Entity('company_invite')
export class CompanyInvite {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'int' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'companyId' })
  company?: Company;

  @Column({ type: 'int' })
  createdById: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'createdById' })
  createdBy?: User;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;
}

/**
 * A signed-in session: a token is honoured only while its session row exists, so
 * logging out (or deleting the account, which cascades) ends it before the token expires.
 */
@Entity('user_session')
export class UserSession {
  /** random, carried in the token as `sid` */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'datetime' })
  expiresAt: Date;
}
