import { AuthChecker } from 'type-graphql';
import { Context } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** `@Authorized(Role...)`: signed in, and one of the roles when any are named. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.viewer) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} accounts may do this`);
  }
  return true;
};
