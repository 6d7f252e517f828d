import { Connection, createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { postGraphQL } from './http-app';

/**
 * A connection of its own to the test database, as another program (a script, another
 * service) would have: writes made through it are unknown to the service's process.
 */
export function connectBehindTheService(db: DataSource): Promise<Connection> {
  const url = (db.options as { url?: string }).url;
  if (!url) throw new Error('a second connection needs the MySQL test database');
  return createConnection({ uri: url.replace(/^mariadb:/, 'mysql:') });
}

/** Signs in over HTTP as a client does, and answers the bearer header for the session. */
export async function signIn(base: string, email: string, password: string): Promise<Record<string, string>> {
  const response = await postGraphQL(base, {
    query:
      'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    variables: { email, password },
  });
  const body = (await response.json()) as { data?: { logIn: { token: string } } };
  if (!body.data) throw new Error(`could not sign in as ${email}: ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.data.logIn.token}` };
}

export const DEMO_RECRUITER = ['recruiter@example.com', 'demo-recruiter-password'] as const;
export const DEMO_LEARNER = ['learner@example.com', 'demo-learner-password'] as const;
