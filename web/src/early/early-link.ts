import { ApolloLink } from '@apollo/client';
import { canonicalStringify, print } from '@apollo/client/utilities';
import { from, mergeMap, of } from 'rxjs';
import { takeEarly } from './answers';

/**
 * Answers an operation from the request the early script already sent for it, when that
 * request had the same text, variables and authorization and was answered with data; any
 * other operation, or one whose early request failed, goes on to the API. Sits after the
 * link that sets the authorization and before the HTTP link, so errors are handled as usual.
 */
export const earlyAnswerLink = new ApolloLink((operation, forward) => {
  const headers = operation.getContext().headers as Record<string, string> | undefined;
  const variables = canonicalStringify(operation.variables);
  const answer = takeEarly(
    print(operation.query),
    headers?.authorization ?? '',
    (early) => canonicalStringify(early) === variables,
  );
  if (!answer) return forward(operation);
  return from(answer).pipe(mergeMap((result) => (result ? of(result) : forward(operation))));
});
