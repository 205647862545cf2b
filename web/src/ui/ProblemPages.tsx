import { Link } from 'react-router';
import type { ApiError } from '../api.ts';
import { usePageTitle } from './usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

export function NoPermissionPage() {
  usePageTitle('You do not have permission to see this page');
  return (
    <>
      <h1>You do not have permission to see this page</h1>
      <p>Your role in Liaison does not include this page.</p>
      <p>If you need it for your work, ask your registered manager or an administrator.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

export function ServiceProblemPage({ error, onTryAgain }: { error: ApiError; onTryAgain: () => void }) {
  usePageTitle('Sorry, there is a problem with the service');
  return (
    <>
      <h1>Sorry, there is a problem with the service</h1>
      <p>{error.detail}</p>
      {error.requestId ? (
        <p className="nhsuk-body-s">If you report this, quote reference {error.requestId}.</p>
      ) : null}
      <button className="nhsuk-button" type="button" onClick={onTryAgain}>
        Try again
      </button>
    </>
  );
}

/** Shown inside a page when its data could not be loaded. */
export function LoadProblem({ error, onTryAgain }: { error: ApiError; onTryAgain: () => void }) {
  return (
    <div className="nhsuk-error-summary">
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <p>{error.detail}</p>
          <button
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            type="button"
            onClick={onTryAgain}
          >
            Try again
          </button>
        </div>
      </div>
    </div>
  );
}
