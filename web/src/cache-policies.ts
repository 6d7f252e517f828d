import { InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** The app's cache; the web build also reads from it how the app's queries go out (see early-plugin.ts). */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          jobPostings: relayStylePagination(['filter']),
          candidateMatches: relayStylePagination(['postingId', 'filter', 'minScore', 'onlyMeetingRequired']),
        },
      },
      // Neither has an id of its own: it is part of the posting or candidate that holds it.
      JobPosting: { fields: { skills: { merge: false } } },
      Candidate: { fields: { skills: { merge: false } } },
    },
  });
}
