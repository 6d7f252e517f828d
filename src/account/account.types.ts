import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { User } from './account.entity';

/** A session token and the account it is for: what signing up or in gives. */
export interface Session {
  token: string;
  user: User;
}

@ObjectType({ description: 'The new account and a session for it.', simpleResolvers: true })
export class SignUpPayload extends Payload {
  @Field(() => String, {
    nullable: true,
    description: 'Send as `Authorization: Bearer <token>`; null when the sign-up was refused.',
  })
  token: string | null;

  @Field(() => User, {
    nullable: true,
    description: 'The account created; null when the sign-up was refused.',
  })
  user: User | null;
}

@ObjectType({ description: 'A new session and the account it is for.', simpleResolvers: true })
export class LogInPayload extends Payload {
  @Field(() => String, {
    nullable: true,
    description: 'Send as `Authorization: Bearer <token>`; null when the e-mail and password were refused.',
  })
  token: string | null;

  @Field(() => User, { nullable: true, description: 'The account signed in; null when refused.' })
  user: User | null;
}

@ObjectType({ description: "The end of the caller's session.", simpleResolvers: true })
export class LogOutPayload extends Payload {
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: the token of this request is refused from now on (TOKEN_REVOKED).',
  })
  revoked: boolean | null;
}

@ObjectType({
  description: 'A one-time code with which a colleague joins the company.',
  simpleResolvers: true,
})
export class CreateCompanyInvitePayload extends Payload {
  @Field(() => String, {
    nullable: true,
    description: 'Given as `inviteCode` at sign-up, by one account only.',
  })
  code: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the code stops being accepted, a week after it was made.',
  })
  expiresAt: Date | null;
}
