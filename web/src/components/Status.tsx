import { ReactNode, useEffect, useState } from 'react';

/** Shown only once loading has taken longer than 200 ms, so fast answers do not flicker. */
export function Loading({ what }: { what: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), 200);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p className="status" role="status" aria-live="polite">
      {shown ? `Loading ${what}…` : ''}
    </p>
  );
}

export function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <p className="error" role="alert">
      {children}
    </p>
  );
}

/** An empty list says why it is empty and what to do next. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
