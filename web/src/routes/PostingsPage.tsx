import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { PostingCard } from '../components/PostingCard';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { ShowMore } from '../components/ShowMore';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formErrors } from '../errors';
import { numberOrUndefined } from '../format';
import {
  PostingsDocument,
  type JobPostingFilter,
  type RemotePolicy,
  type Seniority,
} from '../graphql/generated';
import { submitToParams } from '../search-params';

const REMOTE: RemotePolicy[] = ['REMOTE', 'HYBRID', 'ONSITE'];
const SENIORITY: Seniority[] = ['JUNIOR', 'MID', 'SENIOR', 'LEAD'];
const PAGE = 10;

/** The filter a URL's query string stands for, so a search is a link a person can share. */
function filterFrom(params: URLSearchParams): JobPostingFilter {
  const skills = (params.get('skills') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const filter: JobPostingFilter = {};
  if (params.get('q')) filter.text = params.get('q')!;
  if (skills.length) filter.skills = skills;
  if (params.getAll('remote').length) filter.remote = params.getAll('remote') as RemotePolicy[];
  if (params.getAll('seniority').length) filter.seniority = params.getAll('seniority') as Seniority[];
  const minSalary = numberOrUndefined(params.get('minSalary'));
  if (minSalary !== undefined) filter.minSalary = Math.round(minSalary);
  return filter;
}

export function PostingsPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const { data, loading, error, fetchMore } = useQuery(PostingsDocument, {
    variables: { first: PAGE, filter },
  });
  const errors = formErrors(error);
  const postings = data?.jobPostings;

  return (
    <>
      <h1>Open postings</h1>
      <form
        className="filters"
        onSubmit={submitToParams(setParams)}
        aria-label="Filter postings"
        key={params.toString()}
      >
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={params.get('q') ?? ''} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="skills">Skills</label>
          <input
            id="skills"
            name="skills"
            defaultValue={params.get('skills') ?? ''}
            aria-describedby="skills-hint skills-error"
            maxLength={500}
          />
          <small id="skills-hint">Comma-separated, e.g. python, sql</small>
          {errors.fields.skills && (
            <span id="skills-error" className="field-error">
              {errors.fields.skills}
            </span>
          )}
        </div>
        <ChoiceGroup legend="Remote" name="remote" options={REMOTE} checked={params.getAll('remote')} />
        <ChoiceGroup
          legend="Seniority"
          name="seniority"
          options={SENIORITY}
          checked={params.getAll('seniority')}
        />
        <div className="field">
          <label htmlFor="minSalary">Minimum salary</label>
          <input
            id="minSalary"
            name="minSalary"
            type="number"
            min={0}
            step={1000}
            defaultValue={params.get('minSalary') ?? ''}
          />
        </div>
        <div className="actions">
          <button type="submit">Search</button>
          <Link to="/">Clear filters</Link>
        </div>
      </form>

      {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
      {loading && !postings && <Loading what="postings" />}
      {postings && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="results-count">
            {postings.totalCount} open {postings.totalCount === 1 ? 'posting' : 'postings'}
          </h2>
          {postings.edges.length === 0 ? (
            <Empty>
              <p>No open posting matches these filters.</p>
              <p>
                Remove a filter, or <Link to="/">see every open posting</Link>.
              </p>
            </Empty>
          ) : (
            <ul className="cards">
              {postings.edges.map(({ node }) => (
                <li key={node.id}>
                  <PostingCard posting={node} />
                </li>
              ))}
            </ul>
          )}
          <ShowMore
            pageInfo={postings.pageInfo}
            loading={loading}
            what="postings"
            onMore={(after) => void fetchMore({ variables: { after } })}
          />
        </section>
      )}
    </>
  );
}
