import { useQuery } from '@apollo/client/react';
import { SessionDocument, type SessionQuery } from './graphql/generated';
import { useToken } from './session';

export type Me = NonNullable<SessionQuery['me']>;

/** The signed-in account (null when anonymous), and whether it is still being asked for. */
export function useSession(): { me: Me | null; loading: boolean } {
  const token = useToken();
  const { data, loading } = useQuery(SessionDocument, { skip: !token });
  return { me: token ? (data?.me ?? null) : null, loading: Boolean(token) && loading };
}
