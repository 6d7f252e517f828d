import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { createCache } from './cache-policies';
import { earlyAnswerLink } from './early/early-link';

/** Operations whose UNAUTHENTICATED answer is a wrong password, shown in the form, not a lost session. */
const SIGN_IN_OPERATIONS = new Set(['LogIn', 'SignUp']);

/**
 * The app's client: `getToken` reads the session on every request and `uri` is the API's
 * address, the page's own `/graphql`. Both are handed in, so the same client, type policies
 * included, also runs outside a browser against a served API.
 */
export function createApolloClient(
  onUnauthenticated: () => void,
  getToken: () => string | null,
  uri = '/graphql',
): ApolloClient {
  const auth = new SetContextLink((previous) => {
    const token = getToken();
    return token ? { headers: { ...previous.headers, authorization: `Bearer ${token}` } } : {};
  });
  const unauthenticated = new ErrorLink(({ error, operation }) => {
    if (SIGN_IN_OPERATIONS.has(operation.operationName ?? '')) return;
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
    ) {
      onUnauthenticated();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([unauthenticated, auth, earlyAnswerLink, new HttpLink({ uri })]),
    cache: createCache(),
  });
}
