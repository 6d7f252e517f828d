import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from '../access/role';

export enum SignUpRole {
  RECRUITER = 'RECRUITER',
  LEARNER = 'LEARNER',
}

/** Longest e-mail address an account may have (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** Longest password accepted: scrypt's work grows with it, and no one types more. */
export const PASSWORD_MAX_LENGTH = 200;

@InputType({ description: 'A new account, signed in at once.' })
export class SignUpInput {
  @Field({
    description:
      'The e-mail address to sign in with, stored trimmed, NFKC and lower-cased; at most 254 characters.',
  })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;

  @Field({ description: '10 to 200 characters; never answered back, in errors included.' })
  @MinLength(10)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @Field({ description: 'The name shown for the account, 1 to 120 characters.' })
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @Field(() => Role, {
    description: 'RECRUITER or LEARNER; administrators are created from the command line.',
  })
  role: Role;

  @Field(() => String, {
    nullable: true,
    description: 'A recruiter without an invitation code creates this company (1 to 160 characters).',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(160)
  companyName?: string | null;

  @Field(() => String, { nullable: true, description: "Joins the inviting recruiter's company." })
  @IsOptional()
  @MaxLength(64)
  inviteCode?: string | null;
}

@InputType({ description: 'The e-mail address and password of an account.' })
export class LogInInput {
  @Field({ description: 'Compared after trimming, NFKC and lower-casing.' })
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;

  @Field({ description: 'The account’s password; never answered back, in errors included.' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
