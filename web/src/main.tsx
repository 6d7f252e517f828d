import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { CandidateMatchesDocument, PostingDocument } from './graphql/generated';
import { candidateMatchesVariables } from './routes/candidate-variables';
import { Layout } from './components/Layout';
import { RouteError } from './routes/RouteError';
import { getToken, setToken } from './session';
import './styles.css';

const client = createApolloClient(() => {
  // A lost or expired session: sign in again, then come back here.
  setToken(null);
  void client.clearStore();
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') {
    void router.navigate(`/login?next=${encodeURIComponent(here)}`);
  }
}, getToken);

// Every route is its own chunk, the home page's too: the first bundle holds only what every
// page needs, and the early script (early/early.ts) asks for a linked route's chunk at once.
const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./routes/PostingsPage')).PostingsPage }),
      },
      { path: 'login', lazy: async () => ({ Component: (await import('./routes/SignInPage')).SignInPage }) },
      { path: 'signup', lazy: async () => ({ Component: (await import('./routes/SignInPage')).SignUpPage }) },
      {
        path: 'postings/:id',
        lazy: async () => ({ Component: (await import('./routes/PostingPage')).PostingPage }),
      },
      {
        path: 'postings/:id/candidates',
        loader: ({ params, request }) => {
          // Asks for the ranking while the page's code loads, not after: the page's own
          // identical queries join these in flight or read their answers from the cache.
          if (getToken() && params.id) {
            const id = params.id;
            const variables = candidateMatchesVariables(id, new URL(request.url).searchParams);
            void client.query({ query: PostingDocument, variables: { id } }).catch(() => undefined);
            void client.query({ query: CandidateMatchesDocument, variables }).catch(() => undefined);
          }
          return null;
        },
        lazy: async () => ({ Component: (await import('./routes/CandidatesPage')).CandidatesPage }),
      },
      {
        path: 'postings/:id/path',
        lazy: async () => ({ Component: (await import('./routes/LearningPathPage')).LearningPathPage }),
      },
      { path: 'me', lazy: async () => ({ Component: (await import('./routes/ProfilePage')).ProfilePage }) },
      {
        path: 'company',
        lazy: async () => ({ Component: (await import('./routes/CompanyPage')).CompanyPage }),
      },
      {
        path: 'company/postings/new',
        lazy: async () => ({ Component: (await import('./routes/PostingEditorPage')).PostingEditorPage }),
      },
      {
        path: 'company/postings/:id/edit',
        lazy: async () => ({ Component: (await import('./routes/PostingEditorPage')).PostingEditorPage }),
      },
      { path: 'import', lazy: async () => ({ Component: (await import('./routes/ImportPage')).ImportPage }) },
      { path: '*', lazy: async () => ({ Component: (await import('./routes/NotFoundPage')).NotFoundPage }) },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  </StrictMode>,
);
