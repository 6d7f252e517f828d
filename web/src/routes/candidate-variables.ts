import { numberOrUndefined } from '../format';
import type { CandidateMatchesQueryVariables, RemotePolicy } from '../graphql/generated';

const PAGE = 10;

/** The ranking's arguments a URL's query string stands for, so a filtered list is a link to share. */
export function candidateMatchesVariables(
  postingId: string,
  params: URLSearchParams,
): CandidateMatchesQueryVariables {
  const remote = params.getAll('remote') as RemotePolicy[];
  const location = params.get('location')?.trim();
  const minYears = numberOrUndefined(params.get('minYears'));
  const minScore = numberOrUndefined(params.get('minScore'));
  return {
    postingId,
    first: PAGE,
    filter: {
      openToWork: true,
      ...(remote.length ? { remote } : {}),
      ...(location ? { location } : {}),
      ...(minYears !== undefined ? { minYearsExperience: minYears } : {}),
    },
    ...(minScore !== undefined ? { minScore: minScore / 100 } : {}),
    ...(params.get('onlyMeetingRequired') ? { onlyMeetingRequired: true } : {}),
  };
}
