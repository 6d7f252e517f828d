import { AuthChecker } from 'type-graphql';
import { RequestContext } from '../request';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** `@Authorized(Role...)`: signed in, and one of the roles when any are named. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.viewer) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} accounts may do this`);
  }
  return true;
};
