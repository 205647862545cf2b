import { type MouseEvent, useEffect, useRef } from 'react';

export type ErrorSummaryItem = { text: string; href?: string };

/**
 * The NHS.UK error summary. It takes focus whenever it shows a new list of errors, so screen
 * reader users hear them; each link moves focus to its field and scrolls its label into view.
 */
export function ErrorSummary({ items }: { items: readonly ErrorSummaryItem[] }) {
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (items.length > 0) summary.current?.focus();
  }, [items]);

  if (items.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={summary} tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {items.map((item) => (
              <li key={`${item.href ?? ''} ${item.text}`}>
                {item.href ? (
                  <a href={item.href} onClick={focusField}>
                    {item.text}
                  </a>
                ) : (
                  item.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function focusField(event: MouseEvent<HTMLAnchorElement>): void {
  const id = event.currentTarget.hash.slice(1);
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus({ preventScroll: true });
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (label ?? field).scrollIntoView();
}
