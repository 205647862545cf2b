import { type ReactNode, useId } from 'react';

/** A success banner is announced at once (role alert); an important one is a landmark to find. */
export function NotificationBanner({
  variant = 'important',
  children,
}: {
  variant?: 'important' | 'success';
  children: ReactNode;
}) {
  const titleId = useId();
  const content = (
    <>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          {variant === 'success' ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{children}</p>
      </div>
    </>
  );
  if (variant === 'success') {
    return (
      <div
        className="nhsuk-notification-banner nhsuk-notification-banner--success"
        role="alert"
        aria-labelledby={titleId}
      >
        {content}
      </div>
    );
  }
  return (
    <section className="nhsuk-notification-banner" aria-labelledby={titleId}>
      {content}
    </section>
  );
}
