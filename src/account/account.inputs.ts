import { IsEmail, IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from '../access/role';

export enum SignUpRole {
  RECRUITER = 'RECRUITER',
  LEARNER = 'LEARNER',
}

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({ description: 'At least 10 characters.' })
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @Field()
  @MinLength(1)
  @MaxLength(120)
  displayName: string;

  @Field(() => Role, {
    description: 'RECRUITER or LEARNER; administrators are created from the command line.',
  })
  role: Role;

  @Field(() => String, {
    nullable: true,
    description: 'A recruiter without an invitation code creates this company.',
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
