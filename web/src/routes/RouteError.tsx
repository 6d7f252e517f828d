import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A page whose code or data failed to load (say, after a new version was deployed): reload or go home. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="route-error">
      <h1>{notFound ? 'Page not found' : 'This page could not be loaded'}</h1>
      <p>
        {notFound ? 'Nothing lives at this address.' : 'Skillgraph may have just been updated.'}{' '}
        <a href={window.location.href}>Reload the page</a> or <Link to="/">go to the open postings</Link>.
      </p>
    </main>
  );
}
