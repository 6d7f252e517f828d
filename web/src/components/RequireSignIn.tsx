import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useToken } from '../session';

/** Sends an anonymous visitor to /login, and back here once signed in. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}
