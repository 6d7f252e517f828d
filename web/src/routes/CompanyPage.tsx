import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PostingCard } from '../components/PostingCard';
import { RequireSignIn } from '../components/RequireSignIn';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formErrors } from '../errors';
import { CompanyPostingsDocument } from '../graphql/generated';

export function CompanyPage() {
  return (
    <RequireSignIn>
      <CompanyPostings />
    </RequireSignIn>
  );
}

function CompanyPostings() {
  // Postings written elsewhere (an import, another recruiter) show on the next visit.
  const { data, loading, error } = useQuery(CompanyPostingsDocument, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading what="your company's postings" />;
  if (error) return <ErrorMessage>{formErrors(error).general}</ErrorMessage>;
  const company = data?.me?.company;
  if (!company) {
    return (
      <Empty>
        <h1>No company</h1>
        <p>
          This page is for recruiters. <Link to="/signup">Sign up as a recruiter</Link> to publish postings.
        </p>
      </Empty>
    );
  }
  return (
    <>
      <h1>{company.name}</h1>
      <p className="actions">
        <Link to="/company/postings/new">New posting</Link>
      </p>
      <h2 className="results-count">
        {company.postings.totalCount} {company.postings.totalCount === 1 ? 'posting' : 'postings'}
      </h2>
      {company.postings.edges.length === 0 ? (
        <Empty>
          <p>
            Your company has no postings yet. <Link to="/company/postings/new">Write your first posting</Link>
            : paste its description and Skillgraph proposes the skills it asks for.
          </p>
        </Empty>
      ) : (
        <ul className="cards">
          {company.postings.edges.map(({ node: p }) => (
            <li key={p.id}>
              <PostingCard posting={p} />
              <p className="card-action actions">
                <Link to={`/company/postings/${p.id}/edit`}>
                  Edit <span className="visually-hidden">{p.title}</span>
                </Link>
                {p.status === 'OPEN' && (
                  <Link to={`/postings/${p.id}/candidates`}>
                    Ranked candidates <span className="visually-hidden">for {p.title}</span>
                  </Link>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
