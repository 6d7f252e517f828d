import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { Layout } from './components/Layout';
import { PostingsPage } from './routes/PostingsPage';
import { setToken } from './session';
import './styles.css';

// The home page ships in the first bundle; every other route is its own chunk.
const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, Component: PostingsPage },
      { path: 'login', lazy: async () => ({ Component: (await import('./routes/SignInPage')).SignInPage }) },
      { path: 'signup', lazy: async () => ({ Component: (await import('./routes/SignInPage')).SignUpPage }) },
      {
        path: 'postings/:id',
        lazy: async () => ({ Component: (await import('./routes/PostingPage')).PostingPage }),
      },
      {
        path: 'postings/:id/candidates',
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
      { path: '*', lazy: async () => ({ Component: (await import('./routes/NotFoundPage')).NotFoundPage }) },
    ],
  },
]);

const client = createApolloClient(() => {
  // A lost or expired session: sign in again, then come back here.
  setToken(null);
  void client.clearStore();
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== '/login') {
    void router.navigate(`/login?next=${encodeURIComponent(here)}`);
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  </StrictMode>,
);
