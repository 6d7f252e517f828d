import type { ApolloCache } from '@apollo/client';

// Lists and rankings that a write of postings or candidates may change. Apollo's normalised
// cache updates the records a write answers, but not which records a list holds or how a
// ranking orders them: those are forgotten and asked for again when next shown.
const DERIVED = ['jobPostings', 'candidateMatches', 'postingMatches', 'skillGap', 'learningPath'];

export function forgetListsAfterWrite(cache: ApolloCache, companyId?: string | null): void {
  for (const fieldName of DERIVED) cache.evict({ id: 'ROOT_QUERY', fieldName });
  if (companyId)
    cache.evict({ id: cache.identify({ __typename: 'Company', id: companyId }), fieldName: 'postings' });
  cache.gc();
}
