import { Link } from 'react-router';
import type { PostingSummaryFragment } from '../graphql/generated';
import { label, salary } from '../format';

export function PostingCard({ posting }: { posting: PostingSummaryFragment }) {
  const required = posting.skills.filter((s) => s.importance === 'REQUIRED');
  return (
    <article className="card">
      <h2 className="card-title">
        <Link to={`/postings/${posting.id}`}>{posting.title}</Link>
      </h2>
      <p className="meta">
        {posting.company.name} · {posting.location || 'Anywhere'} · {label(posting.remote)} ·{' '}
        {label(posting.seniority)}
        {posting.status === 'CLOSED' ? ' · Closed' : ''}
      </p>
      <p className="meta">{salary(posting.salaryMin, posting.salaryMax)}</p>
      {required.length > 0 && (
        <p className="skills-line">
          <span className="visually-hidden">Required skills: </span>
          {required.map((s) => (
            <span key={s.skill.id} className="tag tag-required">
              {s.skill.name}
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
