import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { DataSource } from 'typeorm';
import { Role } from '../../src/access/role';
import { loadConfig } from '../../src/config';
import { JobPosting } from '../../src/posting/posting.entity';
import { App } from '../../src/server';
import { createApolloClient } from '../../web/src/apollo';
import {
  CandidateMatchesDocument,
  PostingsDocument,
  PostingSummaryFragment,
  PostingSummaryFragmentDoc,
} from '../../web/src/graphql/generated';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { gid, keyOf } from '../helpers/ids';
import { signedIn, TEST_JWT_SECRET } from '../helpers/sessions';
import { createTestDatabase } from '../helpers/test-db';

// The web app's own Apollo Client (its InMemoryCache and `relayStylePagination` policies), with
// the operation types GraphQL Code Generator makes from the schema, against the served API:
// pages fetched with `fetchMore` merge into one list in the API's order, both ways, and an
// object fetched again through `node(id:)` is the same cache entry as the list's.

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface PostingsBothWaysQuery {
  jobPostings: {
    totalCount: number;
    edges: { cursor: string; node: PostingSummaryFragment }[];
    pageInfo: PageInfo;
  };
}

type PostingsBothWaysVariables = {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
};

/** Test-only documents, with the web app's `PostingSummary` fragment as the generated file spells it. */
function withPostingSummary<TResult, TVariables>(operation: string): TypedDocumentNode<TResult, TVariables> {
  const document = parse(operation);
  return {
    ...document,
    definitions: [...document.definitions, ...PostingSummaryFragmentDoc.definitions],
  } as unknown as TypedDocumentNode<TResult, TVariables>;
}

// The web app's Postings operation pages only forwards and asks for half of `pageInfo`.
const PostingsBothWaysDocument = withPostingSummary<PostingsBothWaysQuery, PostingsBothWaysVariables>(`
  query PostingsBothWays($first: Int, $after: String, $last: Int, $before: String) {
    jobPostings(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { ...PostingSummary } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const PostingNodeDocument = withPostingSummary<
  { node: ({ id: string } & Partial<PostingSummaryFragment>) | null },
  { id: string }
>(`
  query PostingNode($id: ID!) {
    node(id: $id) { id ... on JobPosting { ...PostingSummary } }
  }
`);

const PAGE = 3;

describe('the web app’s typed Apollo Client against the served API', () => {
  let db: DataSource;
  let app: App;
  let base: string;
  /** The open postings as the API lists them in one page: what paging must put together. */
  let whole: { cursor: string; id: string }[];

  /** The web app's client, signed in with `token` (or not), against the served API. */
  const newClient = (token: string | null = null) =>
    createApolloClient(
      () => undefined,
      () => token,
      `${base}/graphql`,
    );

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    app = await createTestApp(db, { ...loadConfig({}), nodeEnv: 'test', jwtSecret: TEST_JWT_SECRET });
    base = await listen(app);
    const answer = await readGraphQL<{ jobPostings: { edges: { cursor: string; node: { id: string } }[] } }>(
      await postGraphQL(base, { query: '{ jobPostings(first: 100) { edges { cursor node { id } } } }' }),
    );
    whole = answer.data!.jobPostings.edges.map((e) => ({ cursor: e.cursor, id: e.node.id }));
    // Enough for pages of unequal sizes both ways, so that a page put at the wrong end shows.
    expect(whole.length).toBeGreaterThan(3 * PAGE);
    expect(whole.length % PAGE).not.toBe(0);
  });

  afterAll(async () => {
    await stopApp(app);
    await db?.destroy();
  });

  /**
   * Watches a query as a mounted `useQuery` does, once its first answer is in. `list()` reads
   * the query from the cache, where `fetchMore` merges pages; `shown()` waits for the watch to
   * deliver that same data, as a render would (it arrives after `fetchMore` resolves).
   */
  async function watch<TResult, TVariables extends Record<string, unknown>>(
    client: ReturnType<typeof newClient>,
    query: TypedDocumentNode<TResult, TVariables>,
    variables: NoInfer<TVariables>,
  ) {
    const observable = client.watchQuery({ query, variables });
    let latest: unknown;
    let subscription: { unsubscribe(): void } | undefined;
    await new Promise<void>((resolve, reject) => {
      subscription = observable.subscribe({
        next: (result) => {
          latest = result.data;
          if (result.error) reject(result.error);
          else if (result.dataState === 'complete') resolve();
        },
        error: reject,
      });
    });
    const list = () => client.readQuery({ query, variables })!;
    const shown = async () => {
      const expected = list();
      for (let tries = 0; tries < 100 && JSON.stringify(latest) !== JSON.stringify(expected); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(latest).toEqual(expected);
      return latest as TResult;
    };
    return { observable, list, shown, stop: () => subscription?.unsubscribe() };
  }

  it('pages forwards with the Postings operation until the end, into one list', async () => {
    const client = newClient();
    const postings = await watch(client, PostingsDocument, { first: PAGE });
    const pages = [postings.list().jobPostings.edges.length];
    while (postings.list().jobPostings.pageInfo.hasNextPage) {
      const { endCursor } = postings.list().jobPostings.pageInfo;
      const page = await postings.observable.fetchMore({ variables: { after: endCursor } });
      pages.push(page.data!.jobPostings.edges.length);
      expect(pages.length).toBeLessThanOrEqual(whole.length); // a list that never ends fails here
    }
    const list = (await postings.shown()).jobPostings;
    expect(pages).toEqual([PAGE, PAGE, PAGE, whole.length - 3 * PAGE]);
    expect(list.edges.map((e) => ({ cursor: e.cursor, id: e.node.id }))).toEqual(whole);
    expect(list.pageInfo).toEqual({
      __typename: 'PageInfo',
      hasNextPage: false,
      endCursor: whole.at(-1)!.cursor,
    });
    postings.stop();
  });

  it('pages a recruiter’s ranked candidates with the CandidateMatches operation, signed in through the client', async () => {
    const posting = await db
      .getRepository(JobPosting)
      .findOneByOrFail({ title: 'Junior Back-end Developer' });
    const { token } = await signedIn(db, app.services, {
      role: Role.RECRUITER,
      companyId: posting.companyId,
    });
    const postingId = gid('JobPosting', posting.id);
    const ranking = await readGraphQL<{ candidateMatches: { edges: { cursor: string }[] } }>(
      await postGraphQL(
        base,
        {
          query:
            'query ($postingId: ID!) { candidateMatches(postingId: $postingId, first: 100) { edges { cursor } } }',
          variables: { postingId },
        },
        { authorization: `Bearer ${token}` },
      ),
    );
    const cursors = ranking.data!.candidateMatches.edges.map((e) => e.cursor);
    expect(cursors.length).toBeGreaterThan(2 * PAGE);

    const matches = await watch(newClient(token), CandidateMatchesDocument, { postingId, first: PAGE });
    for (let asked = 1; matches.list().candidateMatches.pageInfo.hasNextPage; asked++) {
      expect(asked).toBeLessThan(cursors.length); // a list that never ends fails here
      const after = matches.list().candidateMatches.pageInfo.endCursor;
      await matches.observable.fetchMore({ variables: { after } });
    }
    const list = (await matches.shown()).candidateMatches;
    expect(list.edges.map((e) => e.cursor)).toEqual(cursors);
    expect(new Set(list.edges.map((e) => e.node.candidate.id)).size).toBe(cursors.length);
    expect(list.pageInfo).toEqual({ __typename: 'PageInfo', hasNextPage: false, endCursor: cursors.at(-1) });
    matches.stop();
  });

  it('pages forwards until the end and backwards until the start, with pageInfo at both ends', async () => {
    const both = {
      __typename: 'PageInfo',
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: whole[0].cursor,
      endCursor: whole.at(-1)!.cursor,
    };

    const forwards = await watch(newClient(), PostingsBothWaysDocument, { first: PAGE });
    expect(forwards.list().jobPostings.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    for (let asked = 1; forwards.list().jobPostings.pageInfo.hasNextPage; asked++) {
      expect(asked).toBeLessThan(whole.length); // a list that never ends fails here
      const after = forwards.list().jobPostings.pageInfo.endCursor!;
      await forwards.observable.fetchMore({ variables: { first: PAGE, after } });
      expect(forwards.list().jobPostings.edges.length).toBeLessThanOrEqual(whole.length); // no page twice
    }
    const forwardList = (await forwards.shown()).jobPostings;
    expect(forwardList.edges.map((e) => ({ cursor: e.cursor, id: e.node.id }))).toEqual(whole);
    expect(forwardList.pageInfo).toEqual(both);
    forwards.stop();

    const backwards = await watch(newClient(), PostingsBothWaysDocument, { last: PAGE });
    const lastPage = backwards.list().jobPostings;
    expect(lastPage.edges.map((e) => e.node.id)).toEqual(whole.slice(-PAGE).map((e) => e.id));
    expect(lastPage.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const sizes = [lastPage.edges.length];
    for (let asked = 1; backwards.list().jobPostings.pageInfo.hasPreviousPage; asked++) {
      expect(asked).toBeLessThan(whole.length); // a list that never starts fails here
      const before = backwards.list().jobPostings.pageInfo.startCursor!;
      const page = await backwards.observable.fetchMore({ variables: { last: PAGE, before } });
      sizes.push(page.data!.jobPostings.edges.length);
      expect(backwards.list().jobPostings.edges.length).toBeLessThanOrEqual(whole.length); // no page twice
    }
    const backwardList = (await backwards.shown()).jobPostings;
    expect(sizes).toEqual([PAGE, PAGE, PAGE, whole.length - 3 * PAGE]);
    expect(backwardList.edges.map((e) => ({ cursor: e.cursor, id: e.node.id }))).toEqual(whole);
    expect(backwardList.pageInfo).toEqual(both);
    expect(backwardList.totalCount).toBe(whole.length);
    backwards.stop();
  });

  it('refetches a listed posting through node(id:) into the same cache entry, which the list then shows', async () => {
    const client = newClient();
    const postings = await watch(client, PostingsBothWaysDocument, { first: PAGE });
    await postings.observable.fetchMore({ variables: { first: PAGE, after: whole[PAGE - 1].cursor } });
    const listed = postings.list().jobPostings.edges[PAGE + 1].node;
    // A global id is base64 of `Type:key`.
    expect(Buffer.from(listed.id, 'base64').toString()).toBe(`JobPosting:${keyOf(listed.id)}`);

    const title = `${listed.title} (renamed)`;
    await db.getRepository(JobPosting).update(keyOf(listed.id), { title });
    const { data } = await client.query({
      query: PostingNodeDocument,
      variables: { id: listed.id },
      fetchPolicy: 'network-only',
    });

    expect(data!.node).toMatchObject({ id: listed.id, title });
    expect(client.cache.identify(data!.node!)).toBe(`JobPosting:${listed.id}`);
    expect(client.cache.identify(listed)).toBe(`JobPosting:${listed.id}`);
    // The list is read from the cache, not asked again: its edge points at the entry the node query wrote.
    const edges = (await postings.shown()).jobPostings.edges;
    expect(edges.map((e) => e.node.id)).toEqual(whole.slice(0, 2 * PAGE).map((e) => e.id));
    expect(edges[PAGE + 1].node).toEqual({ ...listed, title });
    postings.stop();
  });
});
