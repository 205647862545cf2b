import type { FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import type { Session } from '../api.ts';
import { isCurrentSection, sectionsFor } from '../navigation.ts';
import { roleLabels } from '../roles.ts';

export function Header({
  session,
  onSignOut,
}: {
  session?: Session | undefined;
  onSignOut?: (() => void) | undefined;
}) {
  const { pathname } = useLocation();
  const menu = session ? sectionsFor(session.user.role) : [];

  function submitSignOut(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSignOut?.();
  }

  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-name" to="/">
            Liaison
          </Link>
        </div>
        {session ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                <span className="nhsuk-u-visually-hidden">Organisation: </span>
                {session.organisation.name}
              </li>
              <li className="nhsuk-header__account-item">
                <UserIcon />
                <span>
                  <span className="nhsuk-u-visually-hidden">Signed in as </span>
                  {session.user.displayName}
                  <span className="nhsuk-u-visually-hidden"> ({roleLabels[session.user.role]})</span>
                </span>
              </li>
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/account/security">
                  Sign-in security
                </Link>
              </li>
              <li className="nhsuk-header__account-item">
                <form className="nhsuk-header__account-form" onSubmit={submitSignOut} noValidate>
                  <button className="nhsuk-header__account-button" type="submit">
                    Sign out
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
      {menu.length > 0 ? (
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {menu.map((section) => {
                const isCurrent = isCurrentSection(section, pathname);
                return (
                  <li
                    key={section.path}
                    className={
                      isCurrent
                        ? 'nhsuk-header__navigation-item nhsuk-header__navigation-item--current'
                        : 'nhsuk-header__navigation-item'
                    }
                  >
                    <Link
                      className="nhsuk-header__navigation-link"
                      to={section.path}
                      aria-current={isCurrent ? 'page' : undefined}
                    >
                      {isCurrent ? (
                        <strong className="nhsuk-header__navigation-item-current-fallback">
                          {section.label}
                        </strong>
                      ) : (
                        section.label
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}
