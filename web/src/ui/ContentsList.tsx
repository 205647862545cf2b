import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './contents-list.css';

/** A place on this page (`#section`) or another page of the same record (`/incidents/…/timeline`). */
export type ContentsItem = { label: string; to: string; isCurrent?: boolean };

/**
 * "Contents": links to the sections of a long page, or to the pages of one record, so someone in a
 * hurry can go straight to what they came for. Links within the page are plain anchors.
 */
export function ContentsList({ label, items }: { label: string; items: readonly ContentsItem[] }) {
  const isWithinPage = items.every((item) => item.to.startsWith('#'));
  return (
    <nav
      className={`nhsuk-contents-list${isWithinPage && items.length > 4 ? ' app-contents-list--columns' : ''}`}
      aria-label={label}
    >
      <h2 className="nhsuk-u-visually-hidden">{label}</h2>
      <ol className="nhsuk-contents-list__list">
        {items.map((item) =>
          item.isCurrent ? (
            <li className="nhsuk-contents-list__item" key={item.to} aria-current="page">
              <span className="nhsuk-contents-list__current">{item.label}</span>
            </li>
          ) : (
            <li className="nhsuk-contents-list__item" key={item.to}>
              {item.to.startsWith('#') ? (
                <a className="nhsuk-contents-list__link" href={item.to}>
                  {item.label}
                </a>
              ) : (
                <Link className="nhsuk-contents-list__link" to={item.to}>
                  {item.label}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A section a contents list links to: its id is the link's target. */
export function ContentsSection({ id, children }: { id: string; children: ReactNode }) {
  return (
    <section id={id} className="app-contents-target">
      {children}
    </section>
  );
}
