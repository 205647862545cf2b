import { type MouseEvent, type ReactNode, useEffect } from 'react';
import { useLocation } from 'react-router';
import type { Session } from '../api.ts';
import { Header } from './Header.tsx';

/** The page frame: skip link, header, main content and footer, as in the NHS.UK page template. */
export function Layout({
  session,
  onSignOut,
  children,
}: {
  session?: Session;
  onSignOut?: () => void;
  children: ReactNode;
}) {
  useFocusHeadingOnNavigation();
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a real link to #maincontent; the handler only adds the focus handling NHS.UK's script gives it */}
      <a className="nhsuk-skip-link" href="#maincontent" onClick={skipToMainContent}>
        Skip to main content
      </a>
      <Header session={session} onSignOut={onSignOut} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {children}
        </main>
      </div>
      <footer className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <p className="nhsuk-body-s">Liaison: partnership working for adult social care</p>
          </div>
        </div>
      </footer>
    </>
  );
}

/**
 * A page change in a single-page app is silent: move focus to the new page's main heading so
 * keyboard and screen reader users start there, as they would after a full page load.
 */
function useFocusHeadingOnNavigation(): void {
  const location = useLocation();
  useEffect(() => {
    // 'default' is the page the visit started on: the browser has placed focus itself.
    if (location.key === 'default') return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }, [location.key]);
}

// What NHS.UK frontend's skip link script does: focus <main> without changing the address.
function skipToMainContent(event: MouseEvent<HTMLAnchorElement>): void {
  const main = document.getElementById('maincontent');
  if (!main) return;
  event.preventDefault();
  main.setAttribute('tabindex', '-1');
  main.classList.add('nhsuk-skip-link-focused-element');
  main.addEventListener(
    'blur',
    () => {
      main.removeAttribute('tabindex');
      main.classList.remove('nhsuk-skip-link-focused-element');
    },
    { once: true },
  );
  main.focus();
}
