import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireSignIn } from '../components/RequireSignIn';
import { ChoiceGroup } from '../components/ChoiceGroup';
import { ShowMore } from '../components/ShowMore';
import { SkillMeter } from '../components/SkillMeter';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { errorCode, formErrors } from '../errors';
import { label, percent } from '../format';
import {
  CandidateMatchesDocument,
  PostingDocument,
  type RemotePolicy,
  type SkillMatchPartsFragment,
} from '../graphql/generated';
import { submitToParams } from '../search-params';
import { candidateMatchesVariables } from './candidate-variables';

const REMOTE: RemotePolicy[] = ['REMOTE', 'HYBRID', 'ONSITE'];

export function CandidatesPage() {
  return (
    <RequireSignIn>
      <Candidates />
    </RequireSignIn>
  );
}

function Candidates() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const posting = useQuery(PostingDocument, { variables: { id } });
  const { data, loading, error, fetchMore } = useQuery(CandidateMatchesDocument, {
    variables: candidateMatchesVariables(id, params),
    notifyOnNetworkStatusChange: true,
  });
  const errors = formErrors(error);
  const matches = data?.candidateMatches;

  const title = posting.data?.jobPosting?.title;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/postings/${id}`}>{title ?? 'Posting'}</Link>
      </p>
      <h1>Ranked candidates{title ? ` for ${title}` : ''}</h1>
      <form
        className="filters"
        onSubmit={submitToParams(setParams)}
        aria-label="Filter candidates"
        key={params.toString()}
      >
        <ChoiceGroup legend="Remote" name="remote" options={REMOTE} checked={params.getAll('remote')} />
        <div className="field">
          <label htmlFor="location">Location</label>
          <input id="location" name="location" defaultValue={params.get('location') ?? ''} maxLength={100} />
          {errors.fields.location && <span className="field-error">{errors.fields.location}</span>}
        </div>
        <div className="field">
          <label htmlFor="minYears">Minimum years</label>
          <input
            id="minYears"
            name="minYears"
            type="number"
            min={0}
            max={60}
            step={1}
            defaultValue={params.get('minYears') ?? ''}
          />
          {errors.fields.minYearsExperience && (
            <span className="field-error">{errors.fields.minYearsExperience}</span>
          )}
        </div>
        <div className="field">
          <label htmlFor="minScore">Minimum score (%)</label>
          <input
            id="minScore"
            name="minScore"
            type="number"
            min={0}
            max={100}
            step={1}
            defaultValue={params.get('minScore') ?? ''}
          />
          {errors.fields.minScore && <span className="field-error">{errors.fields.minScore}</span>}
        </div>
        <label className="check">
          <input
            type="checkbox"
            name="onlyMeetingRequired"
            value="1"
            defaultChecked={Boolean(params.get('onlyMeetingRequired'))}
          />
          Only those meeting every required skill
        </label>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <Link to={`/postings/${id}/candidates`}>Clear filters</Link>
        </div>
      </form>

      {error && errorCode(error) === 'FORBIDDEN' ? (
        <ErrorMessage>Only recruiters of this posting&apos;s company can rank its candidates.</ErrorMessage>
      ) : error && errorCode(error) === 'NOT_FOUND' ? (
        <ErrorMessage>
          This posting does not exist or is closed.{' '}
          <Link to="/company">See your company&apos;s postings</Link>.
        </ErrorMessage>
      ) : (
        errors.general && <ErrorMessage>{errors.general}</ErrorMessage>
      )}
      {loading && !matches && <Loading what="candidates" />}
      {matches && (
        <section aria-labelledby="ranked-heading">
          <h2 id="ranked-heading" className="results-count">
            {matches.totalCount} {matches.totalCount === 1 ? 'candidate' : 'candidates'}
          </h2>
          {matches.edges.length === 0 ? (
            <Empty>
              <p>{matches.reason ?? 'No candidate open to work matches these filters.'}</p>
              <p>Lower the minimum score or years, or clear the filters.</p>
            </Empty>
          ) : (
            <ol className="cards ranked">
              {matches.edges.map(({ node }, index) => (
                <li key={node.candidate.id}>
                  <article className="card" aria-labelledby={`c-${node.candidate.id}`}>
                    <h3 className="card-title" id={`c-${node.candidate.id}`}>
                      <span className="rank">{index + 1}.</span> {node.candidate.displayName}{' '}
                      <span className="score">{percent(node.score)}</span>
                    </h3>
                    <p className="meta">
                      {node.candidate.headline && `${node.candidate.headline} · `}
                      {node.candidate.location || 'Location not given'} · {label(node.candidate.remote)} ·{' '}
                      {node.candidate.yearsExperience} years
                    </p>
                    <p className="meta">
                      {node.meetsAllRequired ? (
                        <span className="tag tag-ok">Meets every required skill</span>
                      ) : (
                        <span className="tag">Misses a required skill</span>
                      )}
                      {node.candidate.email && (
                        <>
                          {' '}
                          <a href={`mailto:${node.candidate.email}`}>{node.candidate.email}</a>
                        </>
                      )}
                    </p>
                    <Breakdown name={node.candidate.displayName} skills={node.skills} />
                  </article>
                </li>
              ))}
            </ol>
          )}
          <ShowMore
            pageInfo={matches.pageInfo}
            loading={loading}
            what="candidates"
            onMore={(after) => void fetchMore({ variables: { after } })}
          />
        </section>
      )}
    </>
  );
}

/**
 * A candidate's per-skill breakdown, drawn when opened: a page of closed breakdowns would
 * otherwise render every skill's meter before the list could show.
 */
function Breakdown({ name, skills }: { name: string; skills: readonly SkillMatchPartsFragment[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Skill breakdown <span className="visually-hidden">for {name}</span>
      </summary>
      {open && (
        <ul className="meters">
          {skills.map((m) => (
            <SkillMeter key={m.skill.id} match={m} />
          ))}
        </ul>
      )}
    </details>
  );
}
