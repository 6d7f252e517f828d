import { useQuery } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { SkillMeter } from '../components/SkillMeter';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formErrors } from '../errors';
import { label, money, numberOrUndefined, percent } from '../format';
import { LearningPathDocument, PostingDocument, SkillGapDocument } from '../graphql/generated';
import { submitToParams } from '../search-params';
import { useSession } from '../useSession';

export function LearningPathPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { me, loading: sessionLoading } = useSession();
  const candidateId = me?.role === 'LEARNER' ? (me.candidate?.id ?? null) : null;
  const maxBudgetUsd = numberOrUndefined(params.get('budget'));
  const maxWeeks = numberOrUndefined(params.get('weeks'));
  const posting = useQuery(PostingDocument, { variables: { id } });
  const path = useQuery(LearningPathDocument, {
    variables: { postingId: id, candidateId, maxBudgetUsd, maxWeeks },
    skip: sessionLoading,
  });
  const gap = useQuery(SkillGapDocument, {
    variables: { postingId: id, candidateId: candidateId ?? '' },
    skip: !candidateId,
  });
  const errors = formErrors(path.error);

  const title = posting.data?.jobPosting?.title;
  const result = path.data?.learningPath;
  const toLearn = gap.data ? [...gap.data.skillGap.short, ...gap.data.skillGap.missing] : [];
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/postings/${id}`}>{title ?? 'Posting'}</Link>
      </p>
      <h1>Learning path{title ? ` to ${title}` : ''}</h1>
      {!candidateId && !sessionLoading && (
        <p className="note">
          This path covers every skill of the posting.{' '}
          {!me && (
            <>
              <Link to={`/login?next=${encodeURIComponent(`/postings/${id}/path`)}`}>
                Sign in as a learner
              </Link>{' '}
              for a path that skips what you already know.
            </>
          )}
        </p>
      )}
      {candidateId && gap.data && (
        <section aria-labelledby="gap-heading">
          <h2 id="gap-heading">Your gap</h2>
          {toLearn.length === 0 ? (
            <p>You already meet every skill this posting asks for.</p>
          ) : (
            <ul className="meters">
              {toLearn.map((m) => (
                <SkillMeter key={m.skill.id} match={m} />
              ))}
            </ul>
          )}
        </section>
      )}
      <form
        className="filters"
        onSubmit={submitToParams(setParams)}
        aria-label="Limits"
        key={params.toString()}
      >
        <div className="field">
          <label htmlFor="budget">Budget (USD)</label>
          <input
            id="budget"
            name="budget"
            type="number"
            min={0}
            step={1}
            defaultValue={params.get('budget') ?? ''}
          />
          {errors.fields.maxBudgetUsd && <span className="field-error">{errors.fields.maxBudgetUsd}</span>}
        </div>
        <div className="field">
          <label htmlFor="weeks">Weeks</label>
          <input
            id="weeks"
            name="weeks"
            type="number"
            min={0}
            step={1}
            defaultValue={params.get('weeks') ?? ''}
          />
          {errors.fields.maxWeeks && <span className="field-error">{errors.fields.maxWeeks}</span>}
        </div>
        <div className="actions">
          <button type="submit">Update path</button>
          <Link to={`/postings/${id}/path`}>No limits</Link>
        </div>
      </form>
      {errors.general && <ErrorMessage>{errors.general}</ErrorMessage>}
      {(path.loading || sessionLoading) && !result && <Loading what="the learning path" />}
      {result && (
        <section aria-labelledby="path-heading">
          <h2 id="path-heading">
            {result.steps.length} {result.steps.length === 1 ? 'course' : 'courses'}, covering{' '}
            {percent(result.coverage)}
          </h2>
          <p className="meta">
            {result.totalWeeks !== null
              ? `${result.totalWeeks} weeks`
              : 'Length not published for every course'}{' '}
            · {result.totalPrice !== null ? money(result.totalPrice) : 'Price not published for every course'}{' '}
            ·{' '}
            {result.meetsAllRequiredAfter
              ? 'meets every required skill after'
              : 'some required skills stay uncovered'}
          </p>
          {result.steps.length === 0 ? (
            <Empty>
              <p>{result.reason ?? 'No course fits these limits.'}</p>
              <p>Raise the budget or the weeks, or remove them.</p>
            </Empty>
          ) : (
            <ol className="cards steps">
              {result.steps.map((step) => (
                <li key={step.course.id}>
                  <article className="card">
                    <h3 className="card-title">
                      {step.order}. {step.course.title}
                    </h3>
                    <p className="meta">
                      {step.course.provider} · {label(step.course.format)} ·{' '}
                      {step.course.durationHours !== null
                        ? `${step.course.durationHours} hours`
                        : 'hours not published'}
                      {step.course.durationWeeks !== null ? ` over ${step.course.durationWeeks} weeks` : ''} ·{' '}
                      {step.course.price !== null ? money(step.course.price) : 'price not published'}
                    </p>
                    <p>
                      Adds:{' '}
                      {step.adds.map((a, i) => (
                        <span key={a.skill.id}>
                          {i > 0 && ', '}
                          {a.skill.name} to level {a.level} (asked {a.minLevel})
                        </span>
                      ))}
                    </p>
                  </article>
                </li>
              ))}
            </ol>
          )}
          {result.uncoveredSkills.length > 0 && (
            <p>No course here teaches: {result.uncoveredSkills.map((s) => s.name).join(', ')}.</p>
          )}
          {result.unmetPrerequisites.length > 0 && (
            <p>
              Learn first, without a course here: {result.unmetPrerequisites.map((s) => s.name).join(', ')}.
            </p>
          )}
        </section>
      )}
    </>
  );
}
