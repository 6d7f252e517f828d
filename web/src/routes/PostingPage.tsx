import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { SkillMeter } from '../components/SkillMeter';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formErrors } from '../errors';
import { label, percent, salary } from '../format';
import { PostingDocument, SkillGapDocument, type PostingQuery } from '../graphql/generated';
import { useSession, type Me } from '../useSession';

type Posting = NonNullable<PostingQuery['jobPosting']>;

export function PostingPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const { data, loading, error } = useQuery(PostingDocument, { variables: { id } });
  if (loading && !data) return <Loading what="the posting" />;
  if (error)
    return <ErrorMessage>{formErrors(error).general ?? 'This posting could not be loaded.'}</ErrorMessage>;
  const posting = data?.jobPosting;
  if (!posting) {
    return (
      <Empty>
        <h1>Posting not found</h1>
        <p>
          It may have been closed. <Link to="/">Browse the open postings</Link>.
        </p>
      </Empty>
    );
  }
  const mayRank =
    me && (me.role === 'ADMIN' || (me.role === 'RECRUITER' && me.company?.id === posting.company.id));
  return (
    <article>
      <h1>{posting.title}</h1>
      <p className="meta">
        {posting.company.name} · {posting.location || 'Anywhere'} · {label(posting.remote)} ·{' '}
        {label(posting.seniority)}
        {posting.minYearsExperience > 0 ? ` · ${posting.minYearsExperience}+ years` : ''}
      </p>
      <p className="meta">{salary(posting.salaryMin, posting.salaryMax)}</p>
      <nav aria-label="This posting" className="actions">
        {mayRank && <Link to={`/postings/${posting.id}/candidates`}>Ranked candidates</Link>}
        {mayRank && <Link to={`/company/postings/${posting.id}/edit`}>Edit posting</Link>}
        <Link to={`/postings/${posting.id}/path`}>
          {me?.role === 'LEARNER' ? 'Your learning path' : 'Learning path'}
        </Link>
      </nav>
      <p className="description">{posting.description}</p>
      <PostingSkills posting={posting} />
      {me?.role === 'LEARNER' && me.candidate ? (
        <Fit posting={posting} me={me} candidateId={me.candidate.id} />
      ) : !me ? (
        <p>
          <Link to={`/login?next=${encodeURIComponent(`/postings/${posting.id}`)}`}>
            Sign in as a learner
          </Link>{' '}
          to see how well you fit and what you would need to learn.
        </p>
      ) : null}
    </article>
  );
}

function PostingSkills({ posting }: { posting: Posting }) {
  return (
    <section aria-labelledby="skills-heading">
      <h2 id="skills-heading">Skills asked for</h2>
      {posting.skills.length === 0 ? (
        <p>This posting lists no skills yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Skills by importance and level</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Importance</th>
              <th scope="col">Level asked (1–5)</th>
            </tr>
          </thead>
          <tbody>
            {posting.skills.map((s) => (
              <tr key={s.skill.id}>
                <th scope="row">{s.skill.name}</th>
                <td>{label(s.importance)}</td>
                <td>{s.minLevel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Fit({ posting, candidateId }: { posting: Posting; me: Me; candidateId: string }) {
  const { data, loading, error } = useQuery(SkillGapDocument, {
    variables: { postingId: posting.id, candidateId },
  });
  if (loading && !data) return <Loading what="your fit" />;
  if (error) return <ErrorMessage>{formErrors(error).general}</ErrorMessage>;
  const gap = data!.skillGap;
  const groups = [
    { title: 'You meet', items: gap.met },
    { title: 'You hold, below the level asked', items: gap.short },
    { title: 'You are missing', items: gap.missing },
  ];
  return (
    <section aria-labelledby="fit-heading">
      <h2 id="fit-heading">Your fit: {percent(gap.score)}</h2>
      {groups.map(
        (g) =>
          g.items.length > 0 && (
            <div key={g.title}>
              <h3>{g.title}</h3>
              <ul className="meters">
                {g.items.map((m) => (
                  <SkillMeter key={m.skill.id} match={m} />
                ))}
              </ul>
            </div>
          ),
      )}
      {gap.short.length + gap.missing.length > 0 ? (
        <p>
          <Link to={`/postings/${posting.id}/path`}>See the courses that close your gap</Link>
        </p>
      ) : (
        <p>You meet every skill this posting asks for.</p>
      )}
    </section>
  );
}
