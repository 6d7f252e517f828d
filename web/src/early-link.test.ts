import { ApolloClient, ApolloLink, gql, type TypedDocumentNode } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { print } from '@apollo/client/utilities';
import { of } from 'rxjs';
import { createCache } from './cache-policies';
import { forgetEarly, type EarlyRequest } from './early/answers';
import { earlyAnswerLink } from './early/early-link';

// When the app takes the answer the early script already has, and when it asks the API itself.
const QUERY: TypedDocumentNode<{ demoDataLoaded: boolean }, { first?: number; filter?: string }> = gql`
  query Demo($first: Int, $filter: String) {
    demoDataLoaded
  }
`;
const VARIABLES = { first: 10, filter: 'x' };
const shared = globalThis as { skillgraphEarly?: EarlyRequest[] };

/** A client like the app's, whose API answers `false` and counts how often it was asked. */
function client(token: string) {
  const sent: string[] = [];
  const api = new ApolloLink((operation) => {
    sent.push(print(operation.query));
    return of({ data: { demoDataLoaded: false } });
  });
  const auth = new SetContextLink(() => ({ headers: { authorization: `Bearer ${token}` } }));
  return {
    sent,
    client: new ApolloClient({ cache: createCache(), link: ApolloLink.from([auth, earlyAnswerLink, api]) }),
  };
}

async function ask(token: string) {
  const { sent, client: c } = client(token);
  const { data } = await c.query({ query: QUERY, variables: VARIABLES });
  return { answer: data?.demoDataLoaded, asked: sent.length, text: sent[0] };
}

function sentEarly(overrides: Partial<EarlyRequest>): void {
  shared.skillgraphEarly = [
    {
      operationName: 'Demo',
      query: '',
      // In another order than the page's: the same variables all the same.
      variables: { filter: 'x', first: 10 },
      authorization: 'Bearer mine',
      sentAt: performance.now(),
      answer: Promise.resolve({ data: { demoDataLoaded: true } }),
      ...overrides,
    },
  ];
}

afterEach(forgetEarly);

describe('earlyAnswerLink', () => {
  let text: string;
  beforeAll(async () => {
    text = (await ask('mine')).text;
  });

  it('takes the early answer, once, for the same text, variables and token', async () => {
    sentEarly({ query: text });
    await expect(ask('mine')).resolves.toMatchObject({ answer: true, asked: 0 });
    await expect(ask('mine')).resolves.toMatchObject({ answer: false, asked: 1 });
  });

  it.each<[string, Partial<EarlyRequest>]>([
    ['another session', { authorization: 'Bearer someone-else' }],
    ['no session', { authorization: '' }],
    ['other variables', { variables: { first: 20, filter: 'x' } }],
    ['an answer that failed', { answer: Promise.resolve(null) }],
    ['an answer from long ago', { sentAt: performance.now() - 60_000 }],
  ])('asks the API itself for %s', async (_what, overrides) => {
    sentEarly({ query: text, ...overrides });
    await expect(ask('mine')).resolves.toMatchObject({ answer: false, asked: 1 });
  });

  it('asks the API itself for another text, and after the session changed', async () => {
    sentEarly({ query: `${text} ` });
    await expect(ask('mine')).resolves.toMatchObject({ answer: false, asked: 1 });
    sentEarly({ query: text });
    forgetEarly();
    await expect(ask('mine')).resolves.toMatchObject({ answer: false, asked: 1 });
  });
});
