import { Field, ObjectType } from 'type-graphql';
import { User } from './account.entity';

@ObjectType({ description: 'A session token and the account it is for.', simpleResolvers: true })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => User)
  user: User;
}
