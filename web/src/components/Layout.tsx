import { useApolloClient } from '@apollo/client/react';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate, useNavigation } from 'react-router';
import { LogOutDocument } from '../graphql/generated';
import { setToken } from '../session';
import { useSession } from '../useSession';
import { Loading } from './Status';

export function Layout() {
  const { me } = useSession();
  const client = useApolloClient();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const signOut = async () => {
    // Ends the session on the server too, so the token is refused even if it was copied.
    await client.mutate({ mutation: LogOutDocument }).catch(() => undefined);
    setToken(null);
    await client.clearStore();
    await navigate('/');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Skillgraph
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Postings
              </NavLink>
            </li>
            {me?.role === 'LEARNER' && (
              <li>
                <NavLink to="/me">My profile</NavLink>
              </li>
            )}
            {me?.role === 'RECRUITER' && (
              <li>
                <NavLink to="/company">Company</NavLink>
              </li>
            )}
            {(me?.role === 'RECRUITER' || me?.role === 'ADMIN') && (
              <li>
                <NavLink to="/import">Import</NavLink>
              </li>
            )}
            {me ? (
              <li>
                <button type="button" className="link-button" onClick={() => void signOut()}>
                  Sign out <span className="visually-hidden">{me.displayName}</span>
                </button>
              </li>
            ) : (
              <>
                <li>
                  <NavLink to="/login">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {navigation.state === 'loading' && <Loading what="page" />}
        <Suspense fallback={<Loading what="page" />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
